/** ui.invalid-token — RFC 6750 §3, §3.1; OIDC Core §5.3.3 (garbage and revoked access tokens). */

import { defineCheck, fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { BEARER_INVALID_TOKEN } from '../../../harness/error-code-sentences.js'
import { worstOf } from '../../pkce/checks/judge.js'
import type { UserinfoCall } from '../gather/userinfo-probes.js'
import { describe, errorOf, isBearer, parseChallenge, succeeded } from './challenge.js'

// A well-formed token that was made up or revoked is exactly what RFC 6750 §3.1 names
// invalid_token for ("expired, revoked, malformed, or invalid for other reasons"); the request
// itself is well-formed, so invalid_request does not apply. Another code fails.
const badToken = exactly('a well-formed made-up or revoked access token', 'invalid_token', BEARER_INVALID_TOKEN)

function judge(call: UserinfoCall, what: string): Verdict {
  const exchanges = [call.exchange]
  const actual = describe(call)
  const expected = '401 with WWW-Authenticate: Bearer error="invalid_token"'
  if (succeeded(call)) return fail(`UserInfo accepted ${what}`, { expected, actual, exchanges })
  // RFC 6750 §3: the resource server "MUST include the HTTP "WWW-Authenticate" response header field".
  if (!isBearer(parseChallenge(call.wwwAuthenticate)))
    return fail(`${what} was refused without a "WWW-Authenticate: Bearer" challenge`, { expected, actual, exchanges })
  const error = errorOf(call)
  // RFC 6750 §3: "If the protected resource request included an access token and failed
  // authentication, the resource server SHOULD include the "error" attribute".
  if (error === undefined)
    return warn(`${what} was refused with HTTP ${call.status} and no "error" (SHOULD be "invalid_token")`, {
      expected,
      actual,
      exchanges,
    })
  const problem = codeProblem(error, badToken, what)
  if (problem) return (problem.kind === 'fail' ? fail : warn)(problem.message, { expected, actual, exchanges })
  // RFC 6750 §3.1: invalid_token … "The resource SHOULD respond with the HTTP 401 (Unauthorized) status code."
  if (call.status !== 401)
    return warn(`${what} was refused with "invalid_token" but HTTP ${call.status} (SHOULD be 401)`, {
      expected,
      actual,
      exchanges,
    })
  return pass(`${what} was refused with 401 "invalid_token"`, { exchanges })
}

export default defineCheck({
  id: 'ui.invalid-token',
  title: 'Made-up and revoked access tokens get 401 with error="invalid_token"',
  area: 'userinfo',
  level: 'MUST',
  spec: ['RFC6750-3', 'RFC6750-3.1', 'OIDCC-5.3.3', 'RFC7009-2'],
  needs: ['userinfoProbes', 'userinfoRevoked'],
  errorCodes: [badToken],
  coveredBy: {
    oidf: 'oidcc-codereuse-30seconds (EnsureHttpStatusCodeIs4xx WARN); partial: status only',
    oauch: 'revocation/timeout tests (not 2xx)',
  },
  evaluate: ({ userinfoProbes, userinfoRevoked }) => {
    const verdicts = [judge(userinfoProbes.garbage, 'a made-up access token')]
    if (userinfoRevoked.available) {
      // Only meaningful when the token worked before it was revoked and the revocation succeeded.
      if (userinfoRevoked.before.status === 200 && userinfoRevoked.revocation.status === 200)
        verdicts.push(judge(userinfoRevoked.after, 'a revoked access token'))
    }
    const verdict = worstOf(verdicts, 'made-up and revoked access tokens are refused with 401 "invalid_token"')
    if (!userinfoRevoked.available && verdict.kind !== 'skip')
      return {
        ...verdict,
        message: `${verdict.message ?? ''} (revoked tokens not checked: ${userinfoRevoked.reason}; expired tokens are not waited for)`,
      } as Verdict
    return verdict
  },
})
