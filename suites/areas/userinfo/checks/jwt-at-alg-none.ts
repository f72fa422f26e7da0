/** ui.jwt-at-alg-none — RFC 8725 §3.1 (JWT access tokens with alg none are never accepted). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { describe, succeeded } from './challenge.js'

export default defineCheck({
  id: 'ui.jwt-at-alg-none',
  title: 'A JWT access token re-signed with alg none is refused',
  area: 'userinfo',
  level: 'MUST',
  spec: ['RFC8725-3.1', 'RFC9068-4'],
  needs: ['userinfoProbes'],
  coveredBy: { oauch: 'Jwt.AcceptsNoneSignatureTest, Features.HasJwtAccessTokensTest' },
  evaluate: ({ userinfoProbes: { algNone } }) => {
    if (!algNone) return skip('the access token is not a JWT')
    const exchanges = [algNone.exchange]
    // RFC 8725 §3.1: "Libraries MUST enable the caller to specify a supported set of algorithms and
    // MUST NOT use any other algorithms when performing cryptographic operations"; an unsecured
    // JWT must never stand in for a signed one.
    if (succeeded(algNone))
      return fail('UserInfo accepted the access token with its signature removed and "alg" "none"', {
        expected: 'a refusal',
        actual: describe(algNone),
        exchanges,
      })
    return pass(`refused (HTTP ${algNone.status})`, { exchanges })
  },
})
