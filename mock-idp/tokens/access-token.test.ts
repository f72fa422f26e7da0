import { createLocalJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { revokeGrant } from '../grants/grant-revocation.js'
import { T0_SECONDS, testProvider, tokenContext } from '../test-support/back-channel.js'
import { findAccessToken, issueAccessToken, revokeAccessToken } from './access-token.js'

const grant = { grantId: 'grant-1', clientId: 'client-1', sub: 'sub-1', authTime: T0_SECONDS - 10 }
const audience = { issuer: 'https://op.example', audience: 'https://op.example/userinfo' }

describe('access tokens', () => {
  it('issues an opaque 256-bit token recorded with its grant, scope and lifetime', async () => {
    const { provider } = await testProvider()
    const { token } = await issueAccessToken(tokenContext(provider), grant, ['openid', 'email'], audience)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const lookup = await findAccessToken(provider, token)
    expect(lookup.active && lookup.record).toMatchObject({
      grantId: 'grant-1',
      clientId: 'client-1',
      sub: 'sub-1',
      scope: ['openid', 'email'],
      issuedAt: T0_SECONDS,
      expiresAt: T0_SECONDS + 599,
    })
  })

  it('issues an RFC 9068 JWT with typ at+jwt when configured, and records it too', async () => {
    const { provider } = await testProvider({ tokens: { accessTokenFormat: 'jwt' } })
    const { token, record } = await issueAccessToken(tokenContext(provider), grant, ['openid', 'email'], audience)
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet(provider.keys.jwks(provider.clock.now())),
      {
        currentDate: new Date(T0_SECONDS * 1000),
        typ: 'at+jwt',
      },
    )
    expect(protectedHeader).toMatchObject({ alg: 'RS256', typ: 'at+jwt', kid: 'codeflow-dev-rs256' })
    expect(payload).toEqual({
      iss: 'https://op.example',
      exp: T0_SECONDS + 599,
      aud: 'https://op.example/userinfo',
      sub: 'sub-1',
      client_id: 'client-1',
      iat: T0_SECONDS,
      jti: record.jti,
      scope: 'openid email',
      auth_time: T0_SECONDS - 10,
    })
    expect((await findAccessToken(provider, token)).active).toBe(true)
  })

  it('does not find an altered JWT access token', async () => {
    const { provider } = await testProvider({ tokens: { accessTokenFormat: 'jwt' } })
    const { token } = await issueAccessToken(tokenContext(provider), grant, ['openid'], audience)
    expect((await findAccessToken(provider, `${token.slice(0, -2)}AA`)).active).toBe(false)
  })

  it('reports an expired token as inactive', async () => {
    const { provider, clock } = await testProvider()
    const { token } = await issueAccessToken(tokenContext(provider), grant, ['openid'], audience)
    clock.advance(599_000)
    expect((await findAccessToken(provider, token)).active).toBe(false)
  })

  it('reports a token of a revoked grant as inactive', async () => {
    const { provider } = await testProvider()
    const { token } = await issueAccessToken(tokenContext(provider), grant, ['openid'], audience)
    await revokeGrant(provider, 'grant-1')
    expect(await findAccessToken(provider, token)).toEqual({
      active: false,
      reason: 'the access token was revoked together with its grant',
    })
  })

  it('revokes one token without touching another of the same grant', async () => {
    const { provider } = await testProvider()
    const one = await issueAccessToken(tokenContext(provider), grant, ['openid'], audience)
    const two = await issueAccessToken(tokenContext(provider), grant, ['openid'], audience)
    await revokeAccessToken(provider, one.token)
    expect((await findAccessToken(provider, one.token)).active).toBe(false)
    expect((await findAccessToken(provider, two.token)).active).toBe(true)
  })
})
