/** idt.signing-key-strength — OIDC Core §16 (security considerations); FAPI 1 Baseline §5.2.2. */
import type { JWK } from 'jose'
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

const CURVE_BITS: Record<string, number> = {
  'P-256': 256,
  'P-384': 384,
  'P-521': 521,
  secp256k1: 256,
  Ed25519: 256,
  Ed448: 448,
}

/** The size of a JWK in bits: the RSA modulus, or the curve. */
export function keyBits(key: JWK): number | undefined {
  if (key.kty === 'RSA' && typeof key.n === 'string') {
    const modulus = Buffer.from(key.n, 'base64url')
    let start = 0
    while (start < modulus.length && modulus[start] === 0) start++
    if (start === modulus.length) return 0
    return (modulus.length - start) * 8 - Math.clz32(modulus[start]!) + 24
  }
  if ((key.kty === 'EC' || key.kty === 'OKP') && typeof key.crv === 'string') return CURVE_BITS[key.crv]
  return undefined
}

export default defineCheck({
  id: 'idt.signing-key-strength',
  title: 'The ID token signing key is at least RSA 2048 bits or EC 256 bits',
  area: 'id-token',
  level: 'SHOULD',
  spec: ['OIDCC-16'],
  needs: ['happyFlow', 'jwks'],
  coveredBy: {
    oidf: 'OIDF-FAPI2: FAPI2FinalEnsureMinimumServerKeyLength / FAPIEnsureMinimumServerKeyLength',
    oauch: 'IdTokens.SigningKeySecureTest (EC threshold 160)',
  },
  evaluate: ({ happyFlow, jwks }) => {
    const header = happyFlow.idToken?.header
    if (!header) return skip(NO_ID_TOKEN)
    if (!header.alg || header.alg.startsWith('HS') || header.alg === 'none')
      return skip(`the ID token is not signed with a JWKS key ("alg" "${header.alg}")`)
    const kty = header.alg.startsWith('ES') ? 'EC' : header.alg === 'EdDSA' || header.alg === 'Ed25519' ? 'OKP' : 'RSA'
    const keys = (jwks.keys ?? []).filter(
      (key) =>
        (header.kid === undefined || key.kid === header.kid) &&
        key.kty === kty &&
        (key.use === undefined || key.use === 'sig'),
    )
    if (keys.length === 0) return skip('the signing key could not be found in the JWKS (judged by idt.kid)')
    const exchanges = [happyFlow.token.exchange, jwks.exchange]
    // RSA keys of at least 2048 bits and elliptic curves of at least 256 bits (FAPI 1 Baseline
    // §5.2.2 (5, 6); NIST SP 800-57's 112-bit security floor).
    const minimum = kty === 'RSA' ? 2048 : 256
    const weak = keys.filter((key) => (keyBits(key) ?? 0) < minimum)
    if (weak.length > 0)
      return fail(
        `the ID token signing key is ${keyBits(weak[0]!) ?? 'of unknown size'} bits; at least ${minimum} are expected for ${kty}`,
        {
          expected: minimum,
          actual: weak.map((key) => ({ kid: key.kid, kty: key.kty, bits: keyBits(key) })),
          exchanges,
        },
      )
    return pass(`${kty} key of ${keyBits(keys[0]!)} bits`, { exchanges })
  },
})
