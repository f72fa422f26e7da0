/** rev.rt-cascades-at — RFC 7009 §2.1: revoking a refresh token SHOULD invalidate the grant's access tokens. */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'

export default defineCheck({
  id: 'rev.rt-cascades-at',
  title: "Revoking a refresh token also invalidates its grant's access tokens",
  area: 'revocation',
  level: 'SHOULD',
  spec: ['RFC7009-2.1'],
  needs: ['revocation'],
  coveredBy: { oauch: 'Revocation.RefreshRevokesAccessTest' },
  evaluate: ({ revocation }) => {
    const revoked = revocation.refreshToken
    if (isUnavailable(revoked)) return skip(revoked.unavailable)
    if (revoked.revoke.status !== 200 || revoked.refreshAfter.status === 200) {
      return skip('the refresh token itself was not revoked (see rev.refresh-token)')
    }
    const after = revoked.accessTokenAfter
    if (after.alive === undefined) {
      return skip(
        'the server has neither a UserInfo nor an introspection endpoint to tell whether the token still works',
      )
    }
    const exchanges = [revoked.revoke.exchange, ...(after.exchange ? [after.exchange] : [])]
    // RFC 7009 §2.1: "If the token passed to the request is a refresh token and the authorization
    // server supports the revocation of access tokens, then the authorization server SHOULD also
    // invalidate all access tokens based on the same authorization grant".
    if (after.alive) {
      return fail(`an access token of the revoked refresh token's grant is still accepted (${after.how})`, {
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
