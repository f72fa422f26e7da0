/** Behaviours of state and iss in the authorization response (RFC 6749 §4.1.2, §10.12; RFC 9207). */
import { behaviours, type ResponseFields } from '../behaviour.js'

function withoutField(fields: ResponseFields, name: string): ResponseFields {
  return fields.filter(([field]) => field !== name)
}

function mapState(fields: ResponseFields, map: (state: string) => string): ResponseFields {
  return fields.map(([name, value]): [string, string] => [name, name === 'state' ? map(value) : value])
}

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
  {
    id: 'state-dropped-on-error',
    description: 'Leaves state out of authorization error responses (successful responses keep it).',
    violates: ['RFC6749-4.1.2.1'],
    level: 'MUST',
    client:
      'Reject the error response as unsolicited: without the state it sent, the client cannot tell it answers its own request (RFC 6749 §4.1.2.1, §10.12).',
    seam: 'authorization-response',
    apply: (fields, { outcome }) => (outcome === 'error' ? withoutField(fields, 'state') : fields),
  },
  {
    id: 'state-plus-as-space',
    description: 'Returns every "+" of state as a space, as if it had form-decoded a value that was already decoded.',
    violates: ['RFC6749-4.1.2'],
    level: 'MUST',
    client: 'Reject the response: state must come back byte for byte as sent (RFC 6749 §4.1.2 "the exact value").',
    seam: 'authorization-response',
    apply: (fields) => mapState(fields, (state) => state.replaceAll('+', ' ')),
  },
  {
    id: 'state-truncated',
    description: 'Cuts state to its first 64 characters.',
    violates: ['RFC6749-4.1.2'],
    level: 'MUST',
    client: 'Reject the response: the state that came back is not the exact value the client sent (RFC 6749 §4.1.2).',
    seam: 'authorization-response',
    apply: (fields) => mapState(fields, (state) => state.slice(0, 64)),
  },
  {
    id: 'state-invented',
    description: 'Adds "state=undefined" to authorization responses for requests that sent no state.',
    violates: ['RFC6749-4.1.2'],
    level: 'MUST',
    client:
      'Reject a response carrying a state the client never sent: state is returned only "if the state parameter was present in the client authorization request" (RFC 6749 §4.1.2).',
    seam: 'authorization-response',
    apply: (fields, { state }) => (state === undefined ? [...fields, ['state', 'undefined']] : fields),
  },
  {
    id: 'iss-omitted',
    description:
      'Leaves iss out of successful authorization responses while advertising authorization_response_iss_parameter_supported.',
    violates: ['RFC9207-2'],
    level: 'MUST',
    client:
      'Reject the response: a server that advertises authorization_response_iss_parameter_supported must send iss, and its absence may mean a mix-up (RFC 9207 §2.4).',
    seam: 'authorization-response',
    apply: (fields, { outcome }) => (outcome === 'success' ? withoutField(fields, 'iss') : fields),
  },
  {
    id: 'iss-omitted-on-error',
    description: 'Leaves iss out of authorization error responses (successful responses keep it).',
    violates: ['RFC9207-2'],
    level: 'MUST',
    client:
      'Reject the error response: RFC 9207 §2 requires iss "in authorization responses to the client, including error responses".',
    seam: 'authorization-response',
    apply: (fields, { outcome }) => (outcome === 'error' ? withoutField(fields, 'iss') : fields),
  },
])
