import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose'
import { expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { generateSigningKey, KeyStore, keyStoreFromSnapshot, loadKeyStore } from './key-store.js'

it('drops keys whose grace period has ended when it rotates again, so rotations do not pile up keys', async () => {
  const store = new KeyStore([await generateSigningKey('ES256', 'start')])
  let now = 0
  for (let i = 0; i < 20; i++) {
    now += 1000
    store.rotate(await store.generateRotationKeys(), now + 500, now)
  }
  // Every key the store still holds, retired or not.
  const held = store.jwks(Number.NEGATIVE_INFINITY).keys.map((key) => key.kid)
  expect(held).toEqual(['rotated-es256-20', 'rotated-es256-19'])
  expect(store.jwks(now).keys.map((key) => key.kid)).toEqual(['rotated-es256-20', 'rotated-es256-19'])
  expect(store.jwks(now + 500).keys.map((key) => key.kid)).toEqual(['rotated-es256-20'])
})

it('keeps one unpublished key per key store and algorithm, never one shared by every issuer', async () => {
  const first = new KeyStore([await generateSigningKey('ES256', 'a')])
  const second = new KeyStore([await generateSigningKey('ES256', 'b')])
  const key = await first.unpublishedKey('ES256')
  expect(await first.unpublishedKey('ES256')).toBe(key)
  expect(await second.unpublishedKey('ES256')).not.toBe(key)
  const rsa = await first.unpublishedKey('RS256')
  expect(rsa.algorithm.name).toBe('RSASSA-PKCS1-v1_5')
  expect(key.algorithm.name).toBe('ECDSA')
  // Unpublished: no key of the JWK Set could verify what it signs.
  expect(first.jwks(0).keys.map((jwk) => jwk.kid)).toEqual(['a'])
})

it('publishes the same public keys after a shared store hands them on, and a verifier accepts them', async () => {
  const algorithms = ['RS256', 'ES256', 'PS256', 'EdDSA'] as const
  for (const store of [
    await loadKeyStore(parseConfig({ keys: { algorithms: [...algorithms] } })),
    new KeyStore(await Promise.all(algorithms.map((alg) => generateSigningKey(alg, `g-${alg}`)))),
  ]) {
    // What another instance of a shared store builds from this one's snapshot (store/redis-shared-state.ts).
    const handedOn = await keyStoreFromSnapshot(await store.snapshot())
    expect(handedOn.jwks(0)).toEqual(store.jwks(0))
    for (const jwk of handedOn.jwks(0).keys) {
      expect(Object.keys(jwk).sort()).toEqual(
        [
          'alg',
          'kid',
          'kty',
          'use',
          ...(jwk.kty === 'RSA' ? ['e', 'n'] : jwk.kty === 'EC' ? ['crv', 'x', 'y'] : ['crv', 'x']),
        ].sort(),
      )
    }
    const keys = createLocalJWKSet(handedOn.jwks(0))
    for (const alg of algorithms) {
      const signing = handedOn.signingKey(alg)
      const token = await new SignJWT({ sub: 'alice' })
        .setProtectedHeader({ alg, kid: signing.kid })
        .sign(signing.privateKey)
      expect((await jwtVerify(token, keys)).payload.sub).toBe('alice')
    }
  }
})
