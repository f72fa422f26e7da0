/** idt.at-hash — OIDC Core §3.1.3.6, §3.1.3.8. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { halfHash, hashForAlg, NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.at-hash',
  title: 'at_hash, when present, is the left half of the access token hash',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-3.1.3.6', 'OIDCC-3.1.3.8'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'ExtractAtHash + ValidateAtHash', oauch: 'IdTokens.IsAccessTokenHashCorrectTest' },
  evaluate: ({ happyFlow }) => {
    const { idToken, accessToken } = happyFlow
    if (!idToken?.claims) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    const atHash = idToken.claims.at_hash
    // OIDC Core §3.1.3.6: at_hash is OPTIONAL in the code flow.
    if (atHash === undefined) return pass('no "at_hash" (OPTIONAL in the code flow)', { exchanges })
    const hash = hashForAlg(idToken.header?.alg)
    if (!hash || !accessToken) return skip(`no hash is defined for "alg" "${idToken.header?.alg}"`)
    // OIDC Core §3.1.3.6: "Its value is the base64url encoding of the left-most half of the hash of
    // the octets of the ASCII representation of the access_token value, where the hash algorithm
    // used is the hash algorithm used in the alg Header Parameter of the ID Token's JOSE Header."
    const expected = halfHash(accessToken, hash)
    if (atHash !== expected)
      return fail(`"at_hash" is not the left half of the ${hash.toUpperCase()} of the access token`, {
        expected,
        actual: atHash,
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
