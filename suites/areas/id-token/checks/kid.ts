/** idt.kid — OIDC Core §10.1 (kid required when the JWKS has several keys). */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.kid',
  title: 'The ID token header names its key with a kid that matches exactly one JWKS key',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-10.1', 'RFC7515-4.1.4'],
  needs: ['happyFlow', 'jwks'],
  coveredBy: { oidf: 'EnsureIdTokenContainsKid (always; stricter than the spec), AbstractVerifyJwsSignature' },
  evaluate: ({ happyFlow, jwks }) => {
    const idToken = happyFlow.idToken
    if (!idToken?.header) return skip(NO_ID_TOKEN)
    const { kid, alg } = idToken.header
    if (alg?.startsWith('HS') || alg === 'none')
      return skip(`the ID token is not signed with a JWKS key ("alg" "${alg}")`)
    const exchanges = [happyFlow.token.exchange, jwks.exchange]
    const keyCount = jwks.keys?.length ?? 0
    if (kid === undefined) {
      // OIDC Core §10.1: "If there are multiple keys in the referenced JWK Set document, a kid
      // value MUST be provided in the JOSE Header."
      if (keyCount > 1)
        return fail(`the ID token header has no "kid", but the JWKS has ${keyCount} keys`, {
          expected: 'a "kid"',
          actual: undefined,
          exchanges,
        })
      // The OpenID Foundation's suite requires a kid even with one key: a warning.
      return warn(
        'the ID token header has no "kid" (allowed with a single JWKS key, but relying parties and the OpenID Foundation suite expect one)',
        {
          exchanges,
        },
      )
    }
    if (idToken.signature.matchingKeys === 0)
      return fail(`no key in the JWKS has "kid" "${kid}" (with a compatible "use" and "alg")`, {
        actual: kid,
        exchanges,
      })
    if (idToken.signature.matchingKeys > 1)
      return fail(`${idToken.signature.matchingKeys} keys in the JWKS match "kid" "${kid}": the key is ambiguous`, {
        actual: kid,
        exchanges,
      })
    return pass(`"kid" "${kid}" names exactly one JWKS key`, { exchanges })
  },
})
