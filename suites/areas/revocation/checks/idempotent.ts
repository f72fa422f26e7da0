/** rev.idempotent — RFC 7009 §2.2: revoking an already revoked token is answered 200. */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'

export default defineCheck({
  id: 'rev.idempotent',
  title: 'Revoking the same token twice is answered 200 both times',
  area: 'revocation',
  level: 'SHOULD',
  spec: ['RFC7009-2.2'],
  needs: ['revocation'],
  evaluate: ({ revocation }) => {
    const revoked = revocation.refreshToken
    if (isUnavailable(revoked)) return skip(revoked.unavailable)
    const exchanges = [revoked.revoke.exchange, revoked.again.exchange]
    // RFC 7009 §2.2: 200 "if the token has been revoked successfully or if the client submitted an
    // invalid token" — a revoked token is invalid.
    if (revoked.revoke.status !== 200 || revoked.again.status !== 200) {
      return fail('revoking the same refresh token twice was not answered 200 both times', {
        expected: [200, 200],
        actual: [revoked.revoke.status, revoked.again.status],
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
