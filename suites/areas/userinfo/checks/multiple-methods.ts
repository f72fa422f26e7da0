/** ui.multiple-methods — RFC 6750 §2, §3.1. */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { BEARER_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { describe, errorOf, succeeded } from './challenge.js'

// The token is valid; what is wrong is the request, which RFC 6750 §3.1 names invalid_request for
// ("uses more than one method for including an access token"). Another code fails.
const twoMethods = exactly(
  'a valid token in both the Authorization header and the body',
  'invalid_request',
  BEARER_INVALID_REQUEST,
)

export default defineCheck({
  id: 'ui.multiple-methods',
  title: 'A token in both the Authorization header and the body is refused with 400 invalid_request',
  area: 'userinfo',
  level: 'MUST',
  spec: ['RFC6750-2', 'RFC6750-3.1'],
  needs: ['userinfoProbes'],
  errorCodes: [twoMethods],
  evaluate: ({ userinfoProbes: { headerAndBody: call } }) => {
    const exchanges = [call.exchange]
    const actual = describe(call)
    const expected = '400 invalid_request'
    // RFC 6750 §2: "Clients MUST NOT use more than one method to transmit the token in each
    // request"; §3.1: invalid_request covers a request that "uses more than one method for
    // including an access token" and "The resource server SHOULD respond with the HTTP 400".
    if (succeeded(call))
      return fail('a token sent in both the header and the body was accepted', { expected, actual, exchanges })
    const error = errorOf(call)
    const problem =
      error === undefined ? undefined : codeProblem(error, twoMethods, 'a token sent in both the header and the body')
    if (problem) return (problem.kind === 'fail' ? fail : warn)(problem.message, { expected, actual, exchanges })
    // No "error" at all, or not 400: the SHOULDs of RFC 6750 §3 and §3.1.
    if (call.status !== 400 || error === undefined)
      return warn(
        `refused with HTTP ${call.status}${error ? ` "${error}"` : ' and no "error"'} instead of 400 "invalid_request"`,
        { expected, actual, exchanges },
      )
    return pass(undefined, { exchanges })
  },
})
