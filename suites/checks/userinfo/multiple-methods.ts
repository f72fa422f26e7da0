/** ui.multiple-methods — RFC 6750 §2, §3.1. */
import { defineCheck, fail, pass, warn } from '../../harness/check.js'
import { describe, errorOf, succeeded } from './challenge.js'

export default defineCheck({
  id: 'ui.multiple-methods',
  title: 'A token in both the Authorization header and the body is refused with 400 invalid_request',
  area: 'userinfo',
  level: 'MUST',
  spec: ['RFC6750-2', 'RFC6750-3.1'],
  needs: ['userinfoProbes'],
  evaluate: ({ userinfoProbes: { headerAndBody: call } }) => {
    const exchanges = [call.exchange]
    const actual = describe(call)
    const expected = '400 invalid_request'
    // RFC 6750 §2: "Clients MUST NOT use more than one method to transmit the token in each
    // request"; §3.1: invalid_request covers a request that "uses more than one method for
    // including an access token" and "The resource server SHOULD respond with the HTTP 400".
    if (succeeded(call))
      return fail('a token sent in both the header and the body was accepted', { expected, actual, exchanges })
    if (call.status === 400 && errorOf(call) === 'invalid_request') return pass(undefined, { exchanges })
    return warn(
      `refused with HTTP ${call.status}${errorOf(call) ? ` "${errorOf(call)}"` : ''} instead of 400 "invalid_request"`,
      {
        expected,
        actual,
        exchanges,
      },
    )
  },
})
