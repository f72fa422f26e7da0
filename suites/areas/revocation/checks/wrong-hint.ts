/** rev.wrong-hint — RFC 7009 §2.1: a wrong token_type_hint does not stop the revocation. */

import { defineCheck, fail, pass, skip, type Verdict } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { worstOf } from '../../refresh/checks/expect-error.js'

export default defineCheck({
  id: 'rev.wrong-hint',
  title: 'A token sent with the wrong token_type_hint is still revoked',
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.1'],
  needs: ['revocation'],
  evaluate: ({ revocation }) => {
    const verdicts: Verdict[] = []
    // RFC 7009 §2.1: "If the server is unable to locate the token using the given hint, it MUST
    // extend its search across all of its supported token types."
    const refresh = revocation.wrongHint.refreshToken
    if (!isUnavailable(refresh)) {
      const exchanges = [refresh.revoke.exchange, refresh.refreshAfter.exchange]
      verdicts.push(
        refresh.revoke.status === 200 && refresh.refreshAfter.status !== 200
          ? pass(undefined, { exchanges })
          : fail('a refresh token sent with token_type_hint=access_token was not revoked', {
              expected: { revoke: 200, refreshAfter: 'refused' },
              actual: { revoke: refresh.revoke.status, refreshAfter: refresh.refreshAfter.status },
              exchanges,
            }),
      )
    }
    // Access tokens only where the server revokes them at all (rev.access-token, a SHOULD).
    const accessRevocable = revocation.accessToken.revoke.status === 200 && revocation.accessToken.after.alive === false
    const access = revocation.wrongHint.accessToken
    if (accessRevocable && access.after.alive !== undefined) {
      const exchanges = [access.revoke.exchange, ...(access.after.exchange ? [access.after.exchange] : [])]
      verdicts.push(
        access.revoke.status === 200 && access.after.alive === false
          ? pass(undefined, { exchanges })
          : fail('an access token sent with token_type_hint=refresh_token was not revoked', {
              expected: { revoke: 200, token: 'refused' },
              actual: { revoke: access.revoke.status, tokenAlive: access.after.alive },
              exchanges,
            }),
      )
    }
    if (verdicts.length === 0) return skip('no refresh token, and access-token revocation could not be observed')
    return worstOf(verdicts)
  },
})
