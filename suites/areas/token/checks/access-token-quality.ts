import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { estimateEntropy, VSCHAR } from './entropy-estimate.js'

const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

export default defineCheck({
  id: 'token.access-token-quality',
  title: 'Access tokens are VSCHAR and carry at least 128 bits of entropy (160 recommended)',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-10.10', 'RFC6749-A.12'],
  needs: ['happyFlow'],
  coveredBy: {
    oidf: 'EnsureAccessTokenContainsAllowedCharactersOnly, EnsureMinimumAccessTokenEntropy',
    oauch: 'Tokens.AccessTokenEntropyMinReqTest, Tokens.AccessTokenEntropySugReqTest',
  },
  evaluate: ({ happyFlow }) => {
    const token = happyFlow.accessToken
    if (!token) return skip('no access token was issued')
    const exchanges = [happyFlow.token.exchange]
    // RFC 6749 App. A.12: access-token = 1*VSCHAR.
    if (!VSCHAR.test(token)) return fail('"access_token" contains characters outside VSCHAR (%x20-7E)', { exchanges })
    // A signed JWT cannot be guessed without the signing key, whatever its claims.
    if (JWS.test(token)) return pass('a signed JWT access token (its signature makes it unguessable)', { exchanges })
    const estimate = estimateEntropy([token])
    const actual = `${estimate.bits} bits (${estimate.basis})`
    // RFC 6749 §10.10: guessing probability "MUST be less than or equal to 2^(-128) and SHOULD be
    // less than or equal to 2^(-160)".
    if (estimate.bits < 128)
      return fail(`the access token carries about ${estimate.bits} bits, less than 128`, {
        expected: '≥ 128 bits',
        actual,
        exchanges,
      })
    if (estimate.bits < 160)
      return warn(`the access token carries about ${estimate.bits} bits, less than the recommended 160`, {
        expected: '≥ 160 bits',
        actual,
        exchanges,
      })
    return pass(undefined, { actual, exchanges })
  },
})
