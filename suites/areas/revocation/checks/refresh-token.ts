/** rev.refresh-token — RFC 7009 §2.1–2.2: a revoked refresh token stops working. */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { expectError } from '../../refresh/checks/expect-error.js'

// RFC 6749 §5.2: a revoked refresh token is a "revoked" grant: invalid_grant only.
const revokedToken = exactly('a refresh token presented after it was revoked', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'rev.refresh-token',
  title: 'A refresh token can be revoked (200, and it no longer refreshes)',
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.1', 'RFC7009-2.2'],
  needs: ['revocation'],
  errorCodes: [revokedToken],
  coveredBy: { oauch: 'Revocation.CanRefreshTokensBeRevokedTest' },
  evaluate: ({ revocation }) => {
    const revoked = revocation.refreshToken
    if (isUnavailable(revoked)) return skip(revoked.unavailable)
    const exchanges = [revoked.revoke.exchange, revoked.refreshAfter.exchange]
    // RFC 7009 §2: "Implementations MUST support the revocation of refresh tokens"; §2.2: "The
    // authorization server responds with HTTP status code 200 if the token has been revoked successfully".
    if (revoked.revoke.status !== 200) {
      return fail(`revoking a refresh token was answered with HTTP ${revoked.revoke.status}`, {
        expected: 200,
        actual: { status: revoked.revoke.status, body: revoked.revoke.text.slice(0, 200) },
        exchanges,
      })
    }
    // RFC 7009 §2.2: "the client … MUST NOT use the token again after the revocation"; a server that
    // still honours it has not revoked it.
    if (revoked.refreshAfter.status === 200) {
      return fail('the revoked refresh token still obtains new tokens', {
        expected: 'invalid_grant',
        actual: 200,
        exchanges,
      })
    }
    const refusal = expectError(revoked.refreshAfter, {
      rule: revokedToken,
      what: 'the revoked refresh token',
      exchanges,
    })
    return refusal.kind === 'pass' ? pass(undefined, { exchanges }) : refusal
  },
})
