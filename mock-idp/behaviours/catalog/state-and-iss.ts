/** Behaviours of state and iss in the authorization response (RFC 6749 §4.1.2, §10.12; RFC 9207). */
import { behaviours } from '../behaviour.js'

export const stateAndIssBehaviours = behaviours([
  {
    id: 'state-dropped',
    description: 'Leaves state out of a successful authorization response.',
    violates: ['RFC6749-4.1.2'],
    level: 'MUST',
    client: 'Reject the response: a callback without the state the client sent is a possible CSRF (RFC 6749 §10.12).',
    seam: 'authorization-response',
    apply: (fields, { outcome }) => (outcome === 'success' ? fields.filter(([name]) => name !== 'state') : fields),
  },
  {
    id: 'iss-wrong',
    description: 'Sends an iss in the authorization response that is not the issuer (a mix-up attack).',
    violates: ['RFC9207-2'],
    level: 'MUST',
    client:
      'Reject the response before redeeming the code (RFC 9207 §2.4): it may come from another authorization server.',
    seam: 'authorization-response',
    apply: (fields) =>
      fields.map(([name, value]): [string, string] => [name, name === 'iss' ? 'https://attacker.example/' : value]),
  },
])
