import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { expectError } from '../../refresh/checks/expect-error.js'
import { describeCall, tokensIssued } from '../../token/checks/token-errors.js'

// Once revoked, the refresh token is a "revoked" grant (RFC 6749 §5.2): invalid_grant only. The
// check is a SHOULD (revoking is), so even a wrong code is reported as a warning.
const revokedAfterReplay = exactly(
  'the refresh token of a replayed code, after the replay',
  'invalid_grant',
  TOKEN_INVALID_GRANT,
)

export default defineCheck({
  id: 'code.reuse-revokes-refresh-token',
  title: 'After a code replay, the refresh token issued from that code no longer works',
  area: 'code',
  level: 'SHOULD',
  spec: ['RFC6749-4.1.2', 'RFC6819-5.2.1.1'],
  needs: ['codeReplay'],
  errorCodes: [revokedAfterReplay],
  coveredBy: { oauch: 'TokenEndpoint.RefreshTokenValidAfterMultiExchangeTest' },
  evaluate: ({ codeReplay }) => {
    const { refreshAfter, replay } = codeReplay
    if (!codeReplay.refreshToken || !refreshAfter) return skip('the code exchange issued no refresh token')
    const exchanges = [replay.exchange, refreshAfter.exchange]
    // RFC 6749 §4.1.2: the server "SHOULD revoke (when possible) all tokens previously issued based
    // on that authorization code."
    if (tokensIssued(refreshAfter))
      return fail('the refresh token issued from the code still works after the code was replayed', {
        expected: 'error="invalid_grant"',
        actual: describeCall(refreshAfter),
        exchanges,
      })
    const refusal = expectError(refreshAfter, { rule: revokedAfterReplay, what: 'the refresh token', exchanges })
    return refusal.kind === 'pass' ? pass(undefined, { actual: describeCall(refreshAfter), exchanges }) : refusal
  },
})
