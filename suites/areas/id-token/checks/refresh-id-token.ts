/** idt.refresh-id-token — OIDC Core §12.2. */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export default defineCheck({
  id: 'idt.refresh-id-token',
  title: 'An ID token from a refresh keeps iss, sub, aud, azp and auth_time, with a new iat',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-12.2'],
  needs: ['idTokenRefresh'],
  dependsOnSetup:
    'refresh tokens being issued: when the first flow brings none and the client may request offline_access, the suite asks again with offline_access and prompt=consent (OIDC Core §11); skipped, naming the client and scope, when none comes',
  coveredBy: { oidf: 'CompareIdTokenClaims (iss/sub/aud/azp/auth_time/iat; nonce not checked)' },
  evaluate: ({ idTokenRefresh: evidence }) => {
    if (evidence.noRefreshToken) return skip(evidence.noRefreshToken)
    const refreshed = evidence.refresh
    if (refreshed === undefined) return skip('no refresh was made')
    if (refreshed.status !== 200)
      return skip(`the refresh failed (HTTP ${refreshed.status}); refresh behaviour is judged by the rt.* checks`)
    const exchanges = [refreshed.exchange]
    // OIDC Core §12.2: the response "might not contain an id_token".
    if (!refreshed.idToken) return skip('the refresh response has no ID token, which OIDC Core §12.2 allows')
    const before = evidence.original.idToken?.claims
    const after = refreshed.idToken.claims
    if (!before || !after) return skip('an ID token could not be decoded (judged by idt.jws-verifiable)')
    if (!refreshed.idToken.signature.verified)
      return fail('the refreshed ID token signature does not verify with the JWKS', {
        actual: refreshed.idToken.signature.error,
        exchanges,
      })
    // OIDC Core §12.2: "its iss Claim Value MUST be the same as in the ID Token issued when the
    // original authentication occurred", likewise sub and aud; "if the ID Token contains an
    // auth_time Claim, its value MUST represent the time of the original authentication"; "its azp
    // Claim Value MUST be the same [...]; if no azp Claim was present in the original ID Token, one
    // MUST NOT be present in the new ID Token".
    const changed = ['iss', 'sub', 'aud', 'azp'].filter((claim) => !same(before[claim], after[claim]))
    if (after.auth_time !== undefined && !same(before.auth_time, after.auth_time)) changed.push('auth_time')
    if (changed.length > 0)
      return fail(`the refreshed ID token changed ${changed.map((claim) => `"${claim}"`).join(', ')}`, {
        expected: Object.fromEntries(changed.map((claim) => [claim, before[claim]])),
        actual: Object.fromEntries(changed.map((claim) => [claim, after[claim]])),
        exchanges,
      })
    // "its iat Claim MUST represent the time that the new ID Token is issued".
    if (typeof after.iat !== 'number' || typeof before.iat !== 'number' || after.iat < before.iat)
      return fail('the refreshed ID token "iat" is not the time of the refresh', {
        expected: `>= ${before.iat}`,
        actual: after.iat,
        exchanges,
      })
    // "it SHOULD NOT have a nonce Claim, even when the ID Token issued at the time of the original
    // authentication contained nonce; however, if it is present, its value MUST be the same as in
    // the ID Token issued at the time of the original authentication" (errata set 2).
    if (after.nonce !== undefined) {
      if (after.nonce !== before.nonce)
        return fail('the refreshed ID token has a "nonce" different from the original one', {
          expected: before.nonce,
          actual: after.nonce,
          exchanges,
        })
      return warn('the refreshed ID token repeats the original "nonce" (SHOULD NOT have one)', { exchanges })
    }
    return pass(undefined, { exchanges })
  },
})
