import { createHash } from 'node:crypto'
import { compactDecrypt, createLocalJWKSet, decodeProtectedHeader, importJWK, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { SAMPLE, T0_SECONDS, testProvider, tokenContext } from '../test-support/back-channel.js'
import { atHash } from './hashes.js'
import { signIdToken } from './id-token.js'

const input = {
  issuer: 'https://op.example',
  clientId: 'client-1',
  sub: 'sub-1',
  authTime: T0_SECONDS - 30,
  grantType: 'authorization_code' as const,
}

describe('ID token', () => {
  it('carries the protocol claims with literal times and no end-user claims', async () => {
    const { provider } = await testProvider()
    const token = await signIdToken(tokenContext(provider), { ...input, nonce: 'n-1', accessToken: 'at-1' })
    const { payload } = await jwtVerify(token, createLocalJWKSet(provider.keys.jwks(provider.clock.now())), {
      currentDate: new Date(T0_SECONDS * 1000),
    })
    expect(payload).toEqual({
      iss: 'https://op.example',
      sub: 'sub-1',
      aud: 'client-1',
      azp: 'client-1',
      exp: T0_SECONDS + 3600,
      iat: T0_SECONDS,
      auth_time: T0_SECONDS - 30,
      nonce: 'n-1',
      at_hash: atHash('at-1', 'RS256'),
    })
  })

  it('signs with RS256 by default and names the JWKS key in kid with typ JWT', async () => {
    const { provider } = await testProvider()
    const header = decodeProtectedHeader(await signIdToken(tokenContext(provider), input))
    expect(header).toEqual({ alg: 'RS256', kid: 'codeflow-dev-rs256', typ: 'JWT' })
  })

  it.each(['ES256', 'PS256', 'EdDSA'] as const)(
    'signs with %s when it is the first configured algorithm',
    async (alg) => {
      const { provider } = await testProvider({ keys: { algorithms: [alg, 'RS256'] } })
      const token = await signIdToken(tokenContext(provider), { ...input, accessToken: 'at-1' })
      const { payload, protectedHeader } = await jwtVerify(
        token,
        createLocalJWKSet(provider.keys.jwks(provider.clock.now())),
        {
          currentDate: new Date(T0_SECONDS * 1000),
          algorithms: [alg],
        },
      )
      expect(protectedHeader.alg).toBe(alg)
      expect(protectedHeader.kid).toBe(provider.keys.signingKey(alg).kid)
      expect(payload.at_hash).toBe(atHash('at-1', alg))
    },
  )

  it('omits nonce and at_hash when there is neither', async () => {
    const { provider } = await testProvider()
    const { payload } = await jwtVerify(
      await signIdToken(tokenContext(provider), input),
      createLocalJWKSet(provider.keys.jwks(provider.clock.now())),
      {
        currentDate: new Date(T0_SECONDS * 1000),
      },
    )
    expect(payload).not.toHaveProperty('nonce')
    expect(payload).not.toHaveProperty('at_hash')
    expect(payload).not.toHaveProperty('c_hash')
  })
})

describe('ID token signed deviously by behaviours', () => {
  const forSample = { ...input, clientId: SAMPLE.clientId }
  const currentDate = new Date(T0_SECONDS * 1000)

  it('MACs with HS256 keyed by the client secret for id-token-hmac-short-secret', async () => {
    const { provider } = await testProvider({ behaviours: ['id-token-hmac-short-secret'] })
    const token = await signIdToken(tokenContext(provider), forSample)
    const { protectedHeader } = await jwtVerify(token, new TextEncoder().encode(SAMPLE.secret), { currentDate })
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' })
  })

  it('signs with the published RSA key under RS512 for id-token-alg-not-advertised', async () => {
    const { provider } = await testProvider({ behaviours: ['id-token-alg-not-advertised'] })
    const token = await signIdToken(tokenContext(provider), forSample)
    const { alg: _alg, ...publicJwk } = provider.keys.signingKey('RS256').publicJwk
    const { protectedHeader } = await jwtVerify(token, await importJWK(publicJwk, 'RS512'), { currentDate })
    expect(protectedHeader.alg).toBe('RS512')
    expect(provider.keys.algorithms()).not.toContain('RS512')
  })

  it('signs a crit header it lists for id-token-crit-header', async () => {
    const { provider } = await testProvider({ behaviours: ['id-token-crit-header'] })
    const token = await signIdToken(tokenContext(provider), forSample)
    await expect(
      jwtVerify(token, createLocalJWKSet(provider.keys.jwks(provider.clock.now())), { currentDate }),
    ).rejects.toThrow(/not recognized/)
    const { protectedHeader } = await jwtVerify(token, createLocalJWKSet(provider.keys.jwks(provider.clock.now())), {
      currentDate,
      crit: { 'urn:codeflow:unknown-extension': true },
    })
    expect(protectedHeader.crit).toEqual(['urn:codeflow:unknown-extension'])
  })

  it('copies the public key into the header for id-token-jwk-header', async () => {
    const { provider } = await testProvider({ behaviours: ['id-token-jwk-header'] })
    const header = decodeProtectedHeader(await signIdToken(tokenContext(provider), forSample))
    expect(header.jwk).toMatchObject({ kty: 'RSA', n: provider.keys.signingKey('RS256').publicJwk.n })
    expect(header.jwk).not.toHaveProperty('d')
  })

  it('encrypts the signed ID token to the client secret (OIDC Core §10.2) for id-token-encrypted-unasked', async () => {
    const { provider } = await testProvider({ behaviours: ['id-token-encrypted-unasked'] })
    const token = await signIdToken(tokenContext(provider), forSample)
    expect(token.split('.')).toHaveLength(5)
    const key = createHash('sha256').update(SAMPLE.secret).digest()
    const { plaintext, protectedHeader } = await compactDecrypt(token, key)
    expect(protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' })
    const { payload } = await jwtVerify(
      new TextDecoder().decode(plaintext),
      createLocalJWKSet(provider.keys.jwks(provider.clock.now())),
      {
        currentDate,
      },
    )
    expect(payload.sub).toBe('sub-1')
  })
})
