import { decodeJwt } from 'jose'
import { describe, expect, it } from 'vitest'
import type { ClientConfig, MockIdpConfigInput } from '../config/schema.js'
import type { Provider } from '../provider.js'
import {
  ALICE,
  oauthError,
  params,
  SAMPLE,
  seedCode,
  T0_SECONDS,
  testProvider,
  tokenContext,
} from '../test-support/back-channel.js'
import { findAccessToken } from '../tokens/access-token.js'
import { findRefreshToken } from '../tokens/refresh-token.js'
import { authorizationCodeGrant } from './authorization-code.js'
import { refreshTokenGrant } from './refresh-token.js'

async function setup(config: MockIdpConfigInput = {}) {
  const { provider, clock } = await testProvider(config)
  const sample = provider.clients.get(SAMPLE.clientId)!
  const code = await seedCode(provider, { nonce: 'original-nonce', scope: ['openid', 'profile', 'email'] })
  const first = await authorizationCodeGrant({
    context: tokenContext(provider),
    params: params({ code, redirect_uri: SAMPLE.redirectUri }),
    client: sample,
  })
  const refresh = (token: string, extra: Record<string, string> = {}, client: ClientConfig = sample) =>
    refreshTokenGrant({
      context: tokenContext(provider),
      params: params({ refresh_token: token, ...extra }),
      client,
    })
  return { provider, clock, sample, first, refresh }
}

const activeAccess = async (provider: Provider, token: string) => (await findAccessToken(provider, token)).active

describe('refresh token grant', () => {
  it('issues a new access token and a rotated refresh token', async () => {
    const { provider, first, refresh } = await setup()
    const second = await refresh(first.refresh_token!)
    expect(second.access_token).not.toBe(first.access_token)
    expect(second.refresh_token).toBeDefined()
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.scope).toBe('openid profile email')
    expect((await findRefreshToken(provider, first.refresh_token!)).active).toBe(false)
  })

  it('returns an ID token with the same iss, sub, aud, azp and auth_time, a new iat and no nonce', async () => {
    const { clock, first, refresh } = await setup()
    clock.advance(120_000)
    const original = decodeJwt(first.id_token!)
    const renewed = decodeJwt((await refresh(first.refresh_token!)).id_token!)
    for (const claim of ['iss', 'sub', 'aud', 'azp', 'auth_time']) expect(renewed[claim]).toEqual(original[claim])
    expect(renewed.sub).toBe(ALICE.sub)
    expect(renewed.iat).toBe(T0_SECONDS + 120)
    expect(renewed.nonce).toBeUndefined()
  })

  it('rejects a rotated-away refresh token and revokes the whole family', async () => {
    const { provider, first, refresh } = await setup()
    const second = await refresh(first.refresh_token!)
    const error = await oauthError(() => refresh(first.refresh_token!))
    expect(error.error).toBe('invalid_grant')
    expect(error.description).toContain('revoked')
    expect(await activeAccess(provider, second.access_token)).toBe(false)
    expect(await activeAccess(provider, first.access_token)).toBe(false)
    expect((await oauthError(() => refresh(second.refresh_token!))).error).toBe('invalid_grant')
  })

  it('keeps the predecessor expiry when rotating', async () => {
    const { provider, clock, first, refresh } = await setup()
    clock.advance(3_600_000)
    const second = await refresh(first.refresh_token!)
    const lookup = await findRefreshToken(provider, second.refresh_token!)
    expect(lookup.active && lookup.record.expiresAt).toBe(T0_SECONDS + 1209600)
  })

  it('lets exactly one of many concurrent refreshes with one token succeed', async () => {
    const { first, refresh } = await setup()
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => refresh(first.refresh_token!)))
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
  })

  it('rejects a refresh token presented by another client and leaves it usable', async () => {
    const { provider, first, refresh } = await setup()
    const other = provider.clients.get('codeflow-basic')!
    const error = await oauthError(() => refresh(first.refresh_token!, {}, other))
    expect(error.error).toBe('invalid_grant')
    expect(error.description).toContain('another client')
    expect((await refresh(first.refresh_token!)).access_token).toBeTypeOf('string')
  })

  it('narrows the scope of the new access token but keeps the refresh token scope', async () => {
    const { provider, refresh, first } = await setup()
    const narrowed = await refresh(first.refresh_token!, { scope: 'openid email' })
    expect(narrowed.scope).toBe('openid email')
    const access = await findAccessToken(provider, narrowed.access_token)
    expect(access.active && access.record.scope).toEqual(['openid', 'email'])
    const next = await findRefreshToken(provider, narrowed.refresh_token!)
    expect(next.active && next.record.scope).toEqual(['openid', 'profile', 'email'])
  })

  it('sends no ID token when the narrowed scope drops openid', async () => {
    const { refresh, first } = await setup()
    expect((await refresh(first.refresh_token!, { scope: 'email' })).id_token).toBeUndefined()
  })

  it('rejects a scope wider than the grant with invalid_scope and keeps the token', async () => {
    const { refresh, first } = await setup()
    const error = await oauthError(() => refresh(first.refresh_token!, { scope: 'openid phone' }))
    expect(error.error).toBe('invalid_scope')
    expect(error.description).toContain('"phone"')
    expect((await refresh(first.refresh_token!)).scope).toBe('openid profile email')
  })

  it('rejects a scope with stray spaces with invalid_request', async () => {
    const { refresh, first } = await setup()
    expect((await oauthError(() => refresh(first.refresh_token!, { scope: 'openid  email' }))).error).toBe(
      'invalid_request',
    )
  })

  it('rejects an unknown, a missing and an expired refresh token with the right errors', async () => {
    const { clock, refresh, first, provider, sample } = await setup()
    expect((await oauthError(() => refresh('8xLOxBtZp8'))).error).toBe('invalid_grant')
    const missing = refreshTokenGrant({
      context: tokenContext(provider),
      params: params({}),
      client: sample,
    })
    expect((await oauthError(() => missing)).error).toBe('invalid_request')
    clock.advance(1_209_600_000)
    expect((await oauthError(() => refresh(first.refresh_token!))).error).toBe('invalid_grant')
  })

  it('rejects an authorization code sent as a refresh token', async () => {
    const { provider, refresh } = await setup()
    const code = await seedCode(provider)
    expect((await oauthError(() => refresh(code))).error).toBe('invalid_grant')
  })

  it('keeps the same refresh token and sends none back when rotation is off', async () => {
    const { first, refresh } = await setup({ tokens: { rotateRefreshTokens: false } })
    const second = await refresh(first.refresh_token!)
    expect(second.refresh_token).toBeUndefined()
    expect((await refresh(first.refresh_token!)).access_token).not.toBe(second.access_token)
  })
})
