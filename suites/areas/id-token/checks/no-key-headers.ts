/** idt.no-key-headers — OIDC Core §2. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

const KEY_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const

export default defineCheck({
  id: 'idt.no-key-headers',
  title: 'The ID token header carries no jku, x5u, jwk or x5c',
  area: 'id-token',
  level: 'SHOULD',
  spec: ['OIDCC-2'],
  needs: ['happyFlow'],
  coveredBy: { oauch: 'IdTokens.KeyReferencesTest' },
  evaluate: ({ happyFlow }) => {
    const header = happyFlow.idToken?.header
    if (!header) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §2: "ID Tokens SHOULD NOT use the JWS or JWE x5u, x5c, jku, or jwk Header
    // Parameter fields. Instead, references to keys used are communicated in advance using
    // Discovery and Registration parameters".
    const present = KEY_HEADERS.filter((name) => name in header)
    if (present.length > 0)
      return fail(`the ID token header carries ${present.map((name) => `"${name}"`).join(', ')}`, {
        actual: present,
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
