import { defineCheck, fail } from '../../harness/check.js'
import { describeCall, judgeRejection, tokensIssued } from '../token/token-errors.js'

export default defineCheck({
  id: 'code.expiry',
  title: 'A code redeemed after 10 minutes (plus skew) is refused with invalid_grant',
  area: 'code',
  level: 'SHOULD',
  spec: ['RFC6749-4.1.2', 'RFC6749-10.5'],
  needs: ['codeExpiry'],
  coveredBy: {
    oidf: 'fapi2-security-profile-final-ensure-token-endpoint-fails-with-expired-auth-code',
    oauch: 'TokenEndpoint.AuthorizationCodeTimeoutTest',
  },
  evaluate: ({ codeExpiry }) => {
    const { call, waitedSeconds } = codeExpiry
    // RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued to mitigate
    // the risk of leaks. A maximum authorization code lifetime of 10 minutes is RECOMMENDED."
    if (tokensIssued(call))
      return fail(`the code was still accepted ${waitedSeconds} s after it was issued`, {
        expected: 'error="invalid_grant" after at most 10 minutes',
        actual: describeCall(call),
        exchanges: [call.exchange],
      })
    return judgeRejection(call, {
      what: `a code redeemed ${waitedSeconds} s after it was issued`,
      accepted: ['invalid_grant'],
    })
  },
})
