/** rev.at-cascades-rt — RFC 7009 §2.1: revoking an access token MAY revoke its refresh token (reported). */
import { defineCheck, info, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'rev.at-cascades-rt',
  title: 'Whether revoking an access token also revokes the refresh token of its grant',
  area: 'revocation',
  level: 'MAY',
  spec: ['RFC7009-2.1'],
  needs: ['revocation'],
  coveredBy: { oauch: 'Revocation.AccessRevokesRefreshTest' },
  evaluate: ({ revocation }) => {
    const { revoke, refreshAfter } = revocation.accessToken
    if (!refreshAfter) return skip('the code exchange returned no refresh token')
    if (revoke.status !== 200) return skip('the access token was not revoked (see rev.access-token)')
    // RFC 7009 §2.1: "If the token passed to the request is an access token, the server MAY revoke
    // the respective refresh token as well."
    const cascades = refreshAfter.status !== 200
    return info(
      cascades
        ? 'revoking an access token also revoked the refresh token of its grant'
        : 'revoking an access token left the refresh token of its grant usable',
      { actual: { refreshAfterStatus: refreshAfter.status }, exchanges: [revoke.exchange, refreshAfter.exchange] },
    )
  },
})
