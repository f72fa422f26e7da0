import { defineCheck, fail, pass, warn } from '../../harness/check.js'
import { describeCall, errorCode, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-multiple-methods',
  title: 'A request that authenticates with Basic and a body secret at once is refused',
  area: 'token',
  level: 'SHOULD',
  spec: ['RFC6749-2.3'],
  needs: ['tokenClientAuth'],
  evaluate: ({ tokenClientAuth }) => {
    const call = tokenClientAuth.multipleMethods
    const exchanges = [call.exchange]
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
    // The sentence binds the client; refusing such a request is the server's policy (catalog:
    // MAY-policy, SHOULD reject), so acceptance is a warning.
    if (tokensIssued(call))
      return fail('the server accepted a request authenticated with HTTP Basic and client_secret in the body', {
        expected: 'error="invalid_request"',
        actual: describeCall(call),
        exchanges,
      })
    const error = errorCode(call)
    if (error !== 'invalid_request' && error !== 'invalid_client')
      return warn(`two authentication methods were refused with ${describeCall(call)}`, {
        expected: 'error="invalid_request"',
        actual: describeCall(call),
        exchanges,
      })
    return pass(undefined, { actual: describeCall(call), exchanges })
  },
})
