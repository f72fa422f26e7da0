/** rt.quality — RFC 6749 §10.10 (token entropy) and Appendix A.17 (refresh-token syntax). */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_REFRESH_TOKEN } from './expect-error.js'

/** Bits per character of the smallest common alphabet the token fits in: an upper bound of its entropy. */
export function alphabetBits(token: string): number {
  if (/^[0-9]+$/.test(token)) return Math.log2(10)
  if (/^[0-9a-f]+$/.test(token) || /^[0-9A-F]+$/.test(token)) return 4
  if (/^[0-9A-Za-z]+$/.test(token)) return Math.log2(62)
  if (/^[0-9A-Za-z\-_.~+/=]+$/.test(token)) return 6
  return Math.log2(95)
}

export default defineCheck({
  id: 'rt.quality',
  title: 'The refresh token is made of visible ASCII characters and cannot be guessed (≥ 128 bits)',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-10.10', 'RFC6749-A.17'],
  needs: ['refreshChain'],
  coveredBy: {
    oidf: 'EnsureRefreshTokenContainsAllowedCharactersOnly, EnsureMinimumRefreshTokenLength, EnsureMinimumRefreshTokenEntropy',
    oauch: 'Tokens.RefreshTokenEntropyMinReqTest, Tokens.RefreshTokenEntropySugReqTest',
  },
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    const token = refreshChain.refreshToken
    const exchanges = [refreshChain.token.exchange]
    // RFC 6749 Appendix A.17: refresh-token = 1*VSCHAR, VSCHAR = %x20-7E.
    if (!/^[\x20-\x7e]+$/.test(token)) {
      return fail('"refresh_token" contains characters outside VSCHAR (%x20-7E)', {
        expected: '1*VSCHAR',
        actual: {
          length: token.length,
          offending: [...new Set(token.replace(/[\x20-\x7e]/g, ''))].map((c) => c.codePointAt(0)),
        },
        exchanges,
      })
    }
    // RFC 6749 §10.10: "The probability of an attacker guessing generated tokens (and other
    // credentials not intended for handling by end-users) MUST be less than or equal to 2^(-128)
    // and SHOULD be less than or equal to 2^(-160)."
    const bits = Math.floor(token.length * alphabetBits(token))
    const actual = { length: token.length, maximumEntropyBits: bits }
    if (bits < 128) {
      return fail(`"refresh_token" carries at most ${bits} bits: it can be guessed with a probability above 2^-128`, {
        expected: '≥ 128 bits',
        actual,
        exchanges,
      })
    }
    if (bits < 160) {
      return warn(`"refresh_token" carries at most ${bits} bits; RFC 6749 §10.10 recommends ≥ 160`, {
        expected: '≥ 160 bits',
        actual,
        exchanges,
      })
    }
    return pass(undefined, { actual, exchanges })
  },
})
