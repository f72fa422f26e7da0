/** rev.request-shape — RFC 7009 §2.1: a form POST with `token`; anything else is refused and revokes nothing. */

import type { TokenLiveness } from '../../../flows/flow-attempt.js'
import type { CallResult } from '../../../flows/token-calls.js'
import { defineCheck, fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { expectError, worstOf } from '../../refresh/checks/expect-error.js'

// RFC 7009 §2.1 and RFC 7662 §2.1: token "REQUIRED"; their errors are RFC 6749 §5.2's, where a
// request "missing a required parameter" is invalid_request. Another code fails.
export const missingToken = exactly('a request without "token"', 'invalid_request', TOKEN_INVALID_REQUEST)

/** Judges GET / JSON-body / missing-token requests at a form-POST endpoint (RFC 7009 §2.1, RFC 7662 §2.1). */
export function judgeRequestShape(
  shape: { get: CallResult; json: CallResult; missingToken: CallResult; after: TokenLiveness },
  options: { endpoint: string; judgeEffect: boolean },
): Verdict {
  const verdicts: Verdict[] = []
  const afterExchanges = shape.after.exchange ? [shape.after.exchange] : []
  // A GET that revoked the token, or that disclosed it active, was honoured, not merely answered.
  const honoured = (options.judgeEffect && shape.after.alive === false) || shape.get.body?.active === true
  if (shape.get.status >= 200 && shape.get.status < 300) {
    const exchanges = [shape.get.exchange, ...afterExchanges]
    verdicts.push(
      honoured
        ? fail(`a GET request to the ${options.endpoint} endpoint was honoured`, {
            expected: [400, 405],
            actual: shape.get.status,
            exchanges,
          })
        : warn(`a GET request to the ${options.endpoint} endpoint was answered with HTTP ${shape.get.status}`, {
            expected: [400, 405],
            actual: shape.get.status,
            exchanges,
          }),
    )
  } else {
    verdicts.push(pass(undefined, { exchanges: [shape.get.exchange] }))
  }
  if (shape.json.status >= 200 && shape.json.status < 300) {
    verdicts.push(
      warn(`a JSON body was accepted by the ${options.endpoint} endpoint (the request is form-encoded)`, {
        expected: 'application/x-www-form-urlencoded only',
        actual: shape.json.status,
        exchanges: [shape.json.exchange],
      }),
    )
  } else {
    verdicts.push(pass(undefined, { exchanges: [shape.json.exchange] }))
  }
  // RFC 6749 §5.2 (which RFC 7009 §2.2.1 and RFC 7662 §2.3 refer to): invalid_request — "The request
  // is missing a required parameter".
  verdicts.push(expectError(shape.missingToken, { rule: missingToken, what: 'a request without "token"' }))
  return worstOf(verdicts)
}

export default defineCheck({
  id: 'rev.request-shape',
  title: 'Revocation requests that are not a form POST with "token" are refused and revoke nothing',
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.1', 'RFC7009-2.2.1'],
  needs: ['revocation'],
  errorCodes: [missingToken],
  // RFC 7009 §2.1: "The client requests the revocation of a particular token by making an HTTP POST
  // request to the token revocation endpoint URL … using the "application/x-www-form-urlencoded"
  // format"; "token REQUIRED".
  evaluate: ({ revocation }) =>
    judgeRequestShape(revocation.requestShape, { endpoint: 'revocation', judgeEffect: true }),
})
