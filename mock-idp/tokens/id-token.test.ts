import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { T0_SECONDS, testProvider } from '../test-support/back-channel.js'
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
    const token = await signIdToken(provider, { ...input, nonce: 'n-1', accessToken: 'at-1' })
    const { payload } = await jwtVerify(token, createLocalJWKSet(provider.keys.jwks()), {
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
    const header = decodeProtectedHeader(await signIdToken(provider, input))
    expect(header).toEqual({ alg: 'RS256', kid: 'codeflow-dev-rs256', typ: 'JWT' })
  })

  it.each(['ES256', 'PS256', 'EdDSA'] as const)(
    'signs with %s when it is the first configured algorithm',
    async (alg) => {
      const { provider } = await testProvider({ keys: { algorithms: [alg, 'RS256'] } })
      const token = await signIdToken(provider, { ...input, accessToken: 'at-1' })
      const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(provider.keys.jwks()), {
        currentDate: new Date(T0_SECONDS * 1000),
        algorithms: [alg],
      })
      expect(protectedHeader.alg).toBe(alg)
      expect(protectedHeader.kid).toBe(provider.keys.signingKey(alg).kid)
      expect(payload.at_hash).toBe(atHash('at-1', alg))
    },
  )

  it('omits nonce and at_hash when there is neither', async () => {
    const { provider } = await testProvider()
    const { payload } = await jwtVerify(await signIdToken(provider, input), createLocalJWKSet(provider.keys.jwks()), {
      currentDate: new Date(T0_SECONDS * 1000),
    })
    expect(payload).not.toHaveProperty('nonce')
    expect(payload).not.toHaveProperty('at_hash')
    expect(payload).not.toHaveProperty('c_hash')
  })
})
