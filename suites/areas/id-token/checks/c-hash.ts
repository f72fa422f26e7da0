/** idt.c-hash — OIDC Core §3.3.2.11 (c_hash; only meaningful when present). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { halfHash, hashForAlg, NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.c-hash',
  title: 'c_hash, when present, is the left half of the code hash',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-3.3.2.11'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'ExtractCHash + ValidateCHash', oauch: 'IdTokens.CodeHashValidTest' },
  evaluate: ({ happyFlow }) => {
    const { idToken, code } = happyFlow
    if (!idToken?.claims) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    const cHash = idToken.claims.c_hash
    if (cHash === undefined) return pass('no "c_hash" (defined for the hybrid flow)', { exchanges })
    const hash = hashForAlg(idToken.header?.alg)
    if (!hash) return skip(`no hash is defined for "alg" "${idToken.header?.alg}"`)
    // OIDC Core §3.3.2.11: "Its value is the base64url encoding of the left-most half of the hash
    // of the octets of the ASCII representation of the code value".
    const expected = halfHash(code, hash)
    if (cHash !== expected)
      return fail(`"c_hash" is not the left half of the ${hash.toUpperCase()} of the code`, {
        expected,
        actual: cHash,
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
