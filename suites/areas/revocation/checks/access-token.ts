/** rev.access-token — RFC 7009 §2: access tokens SHOULD be revocable. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'rev.access-token',
  title: 'An access token can be revoked (200, and UserInfo then refuses it)',
  area: 'revocation',
  level: 'SHOULD',
  spec: ['RFC7009-2'],
  needs: ['revocation'],
  coveredBy: { oauch: 'Revocation.CanAccessTokensBeRevokedTest' },
  evaluate: ({ revocation }) => {
    const { revoke, after } = revocation.accessToken
    const exchanges = [revoke.exchange, ...(after.exchange ? [after.exchange] : [])]
    // RFC 7009 §2: "Implementations MUST support the revocation of refresh tokens and SHOULD support
    // the revocation of access tokens".
    if (revoke.status !== 200) {
      return fail(`revoking an access token was answered with HTTP ${revoke.status}`, {
        expected: 200,
        actual: { status: revoke.status, body: revoke.text.slice(0, 200) },
        exchanges,
      })
    }
    if (after.alive === undefined) {
      return skip(
        'the server has neither a UserInfo nor an introspection endpoint to tell whether the token still works',
      )
    }
    if (after.alive) {
      return fail(`the revoked access token is still accepted (${after.how})`, {
        expected: 'refused',
        actual: 'accepted',
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
