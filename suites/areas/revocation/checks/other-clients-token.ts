/**
 * rev.other-clients-token — RFC 7009 §2.1 ("the request is refused") vs §2.2 (200 "if the client
 * submitted an invalid token"): another client's revocation request is refused or a 200 no-op;
 * either way the token must still work afterwards. Judged on the effect.
 */

import { defineCheck, fail, pass, skip, type Verdict } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { worstOf } from '../../refresh/checks/expect-error.js'

export default defineCheck({
  id: 'rev.other-clients-token',
  title: "Another client cannot revoke a client's tokens (refused or ignored; the token keeps working)",
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.1', 'RFC7009-2.2'],
  needs: ['revocation'],
  coveredBy: { oauch: 'Revocation.IsBoundToClientTest (counts any 200 as a failure; never re-checks the token)' },
  evaluate: ({ revocation }) => {
    const { otherClient } = revocation
    if (isUnavailable(otherClient)) return skip(otherClient.unavailable)
    const verdicts: Verdict[] = []
    // RFC 7009 §2.1: the server "verifies whether the token was issued to the client making the
    // revocation request. If this validation fails, the request is refused"; §2.2 lets a server
    // answer 200 for a token it considers invalid. Either way, nothing may be revoked.
    const access = otherClient.accessToken
    const accessExchanges = [access.revoke.exchange, ...(access.after.exchange ? [access.after.exchange] : [])]
    if (access.after.alive === false) {
      verdicts.push(
        fail(`"${otherClient.clientId}" revoked an access token issued to "${revocation.clientId}"`, {
          actual: { status: access.revoke.status, tokenAlive: false },
          exchanges: accessExchanges,
        }),
      )
    } else if (access.after.alive === true) {
      verdicts.push(pass(`access token: HTTP ${access.revoke.status}, still valid`, { exchanges: accessExchanges }))
    }
    const refresh = otherClient.refreshToken
    if (refresh) {
      const exchanges = [refresh.revoke.exchange, refresh.refreshAfter.exchange]
      verdicts.push(
        refresh.refreshAfter.status === 200
          ? pass(`refresh token: HTTP ${refresh.revoke.status}, still valid`, { exchanges })
          : fail(`"${otherClient.clientId}" revoked a refresh token issued to "${revocation.clientId}"`, {
              actual: { status: refresh.revoke.status, refreshAfterStatus: refresh.refreshAfter.status },
              exchanges,
            }),
      )
    }
    if (verdicts.length === 0) {
      return skip(
        'no refresh token, and no UserInfo or introspection endpoint to tell whether the access token still works',
      )
    }
    return worstOf(verdicts)
  },
})
