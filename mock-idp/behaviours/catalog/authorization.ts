/**
 * Behaviours of the authorization endpoint: request validation (RFC 6749 §3.1, §4.1.1; OIDC Core
 * §3.1.2.1) and the authorization response (RFC 6749 §4.1.2, §4.1.2.1; RFC 9207).
 */
import { behaviours } from '../behaviour.js'

export const authorizationBehaviours = behaviours([
  {
    id: 'redirect-uri-not-checked',
    description: 'Accepts any redirect_uri for a known client and sends the code there.',
    violates: ['RFC6749-3.1.2.3', 'RFC9700-4.1'],
    level: 'MUST',
    client: 'Nothing a client sees; a client test can only confirm that its own redirect_uri is the one it registered.',
    seam: 'validation',
    waives: 'redirect-uri-exact-match',
  },
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
      fields.map(([name, value]) => [name, name === 'iss' ? 'https://attacker.example/' : value] as [string, string]),
  },
])
