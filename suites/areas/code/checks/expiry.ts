import { defineCheck, warn } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { describeCall, judgeRejection, tokensIssued } from '../../token/checks/token-errors.js'

// RFC 6749 §5.2: an expired code is an "expired" grant: invalid_grant only.
const expired = exactly('a code redeemed after it expired', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'code.expiry',
  title: 'A code redeemed after 10 minutes (plus skew) is refused with invalid_grant',
  area: 'code',
  // The error code of the refusal is a MUST (RFC 6749 §5.2); the 10-minute lifetime itself is only
  // RECOMMENDED, so a code still accepted after it is a warning, never a failure.
  level: 'MUST',
  spec: ['RFC6749-4.1.2', 'RFC6749-10.5', 'RFC6749-5.2'],
  needs: ['codeExpiry'],
  errorCodes: [expired],
  coveredBy: {
    oidf: 'fapi2-security-profile-final-ensure-token-endpoint-fails-with-expired-auth-code',
    oauch: 'TokenEndpoint.AuthorizationCodeTimeoutTest',
  },
  evaluate: ({ codeExpiry }) => {
    const { call, waitedSeconds } = codeExpiry
    // RFC 6749 §4.1.2: "The authorization code MUST expire shortly after it is issued to mitigate
    // the risk of leaks. A maximum authorization code lifetime of 10 minutes is RECOMMENDED."
    if (tokensIssued(call))
      return warn(
        `the code was still accepted ${waitedSeconds} s after it was issued, beyond the RECOMMENDED maximum of 10 minutes`,
        {
          expected: 'error="invalid_grant" after at most 10 minutes',
          actual: describeCall(call),
          exchanges: [call.exchange],
        },
      )
    return judgeRejection(call, { what: `a code redeemed ${waitedSeconds} s after it was issued`, rule: expired })
  },
})
