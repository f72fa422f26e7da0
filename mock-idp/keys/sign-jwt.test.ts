import { importJWK, jwtVerify } from 'jose'
import { SignJWT } from 'jose/jwt/sign'
import { describe, expect, it } from 'vitest'
import { generateSigningKey, type SigningAlgorithm } from './key-store.js'
import { signJwt } from './sign-jwt.js'

const claims = { iss: 'https://op.example', sub: 'alice', aud: 'client-1', iat: 1_700_000_000, nonce: 'n-0S6_WzA2Mj' }
const algorithms: SigningAlgorithm[] = ['RS256', 'PS256', 'ES256', 'EdDSA']

describe('signJwt', () => {
  it.each(algorithms)(
    'signs under %s a JWT that jose verifies with the published key, header and claims intact',
    async (alg) => {
      const key = await generateSigningKey(alg, `test-${alg}`)
      const header = { alg, kid: key.kid, typ: 'JWT' }
      const jwt = await signJwt(header, claims, key)
      const { payload, protectedHeader } = await jwtVerify(jwt, await importJWK(key.publicJwk, alg), {
        algorithms: [alg],
      })
      expect(protectedHeader).toEqual(header)
      expect(payload).toEqual(claims)
    },
  )

  // PKCS#1 v1.5 and Ed25519 are deterministic: the same input must give jose's very bytes.
  it.each(['RS256', 'EdDSA'] as const)('gives the same bytes as jose under %s', async (alg) => {
    const key = await generateSigningKey(alg, `test-${alg}`)
    const header = { alg, kid: key.kid, typ: 'at+jwt' }
    const byJose = await new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey)
    expect(await signJwt(header, claims, key)).toBe(byJose)
  })

  // A WebCrypto key is bound to one algorithm: jose refuses another, and so must this signer,
  // rather than sign in place under the key's own alg what the header says is something else.
  it('leaves a header whose alg is not the key’s to jose, which refuses it as before', async () => {
    const key = await generateSigningKey('RS256', 'test-rsa')
    const header = { alg: 'PS256', kid: key.kid }
    const byJose = new SignJWT(claims).setProtectedHeader(header).sign(key.privateKey)
    await expect(byJose).rejects.toThrow(TypeError)
    await expect(signJwt(header, claims, key)).rejects.toThrow(TypeError)
  })

  it('keeps the claims exactly as given, odd types included (behaviours rely on it)', async () => {
    const key = await generateSigningKey('ES256', 'test-ec')
    const odd = { sub: 'alice', aud: ['client-1', 'client-2'], exp: '1700000000', nested: { a: [1, null] } }
    const jwt = await signJwt({ alg: 'ES256', kid: key.kid }, odd, key)
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))
    expect(payload).toEqual(odd)
  })
})
