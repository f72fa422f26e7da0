import { decodeJwt } from 'jose'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ManualClock } from '../clock.js'
import type { ClientConfig } from '../config/schema.js'
import type { Provider } from '../provider.js'
import { storeKey } from '../store/records.js'
import {
  ALICE,
  oauthError,
  PKCE_CHALLENGE,
  PKCE_VERIFIER,
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

let provider: Provider
let clock: ManualClock
let sample: ClientConfig
let other: ClientConfig

beforeEach(async () => {
  ;({ provider, clock } = await testProvider())
  sample = provider.clients.get(SAMPLE.clientId)!
  other = provider.clients.get('codeflow-basic')!
})

const redeem = (values: Record<string, string>, client = sample) =>
  authorizationCodeGrant({
    context: tokenContext(provider),
    params: params({ grant_type: 'authorization_code', redirect_uri: SAMPLE.redirectUri, ...values }),
    client,
  })

describe('authorization code grant', () => {
  it('issues a Bearer access token, a refresh token, an ID token and the granted scope', async () => {
    const code = await seedCode(provider, { nonce: 'n-0S6_WzA2Mj' })
    const response = await redeem({ code })
    expect(response).toMatchObject({ token_type: 'Bearer', expires_in: 599, scope: 'openid profile email' })
    expect(response.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(response.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const claims = decodeJwt(response.id_token!)
    expect(claims).toMatchObject({
      iss: 'https://op.example',
      sub: ALICE.sub,
      aud: SAMPLE.clientId,
      azp: SAMPLE.clientId,
      nonce: 'n-0S6_WzA2Mj',
      iat: T0_SECONDS,
      exp: T0_SECONDS + 3600,
      auth_time: T0_SECONDS - 5,
    })
  })

  it('records the access and refresh tokens under the code grant', async () => {
    const code = await seedCode(provider, { grantId: 'grant-a' })
    const response = await redeem({ code })
    const access = await findAccessToken(provider, response.access_token)
    const refresh = await findRefreshToken(provider, response.refresh_token!)
    expect(access.active && access.record.grantId).toBe('grant-a')
    expect(refresh.active && refresh.record.grantId).toBe('grant-a')
  })

  it('omits the ID token without the openid scope and nonce when none was sent', async () => {
    const plain = await redeem({ code: await seedCode(provider, { scope: ['profile'] }) })
    expect(plain.id_token).toBeUndefined()
    const oidc = await redeem({ code: await seedCode(provider) })
    expect(decodeJwt(oidc.id_token!).nonce).toBeUndefined()
  })

  it('issues no refresh token to a client not registered for the refresh_token grant', async () => {
    const codeOnly = { ...sample, grant_types: ['authorization_code' as const] }
    const response = await redeem({ code: await seedCode(provider) }, codeOnly)
    expect(response.refresh_token).toBeUndefined()
  })

  it('rejects a second redemption and revokes the tokens of the first', async () => {
    const code = await seedCode(provider)
    const first = await redeem({ code })
    const error = await oauthError(() => redeem({ code }))
    expect(error.error).toBe('invalid_grant')
    expect(error.description).toContain('already been used')
    expect((await findAccessToken(provider, first.access_token)).active).toBe(false)
    expect((await findRefreshToken(provider, first.refresh_token!)).active).toBe(false)
  })

  it('still revokes the refresh token of a grant when its code is replayed days later', async () => {
    const code = await seedCode(provider)
    const first = await redeem({ code })
    clock.advance(13 * 24 * 3600_000)
    expect((await oauthError(() => redeem({ code }))).description).toContain('have been revoked')
    expect((await findRefreshToken(provider, first.refresh_token!)).active).toBe(false)
  })

  it('keeps the marker of a code redeemed without a refresh token only as long as its access token', async () => {
    const codeOnly = { ...sample, grant_types: ['authorization_code' as const] }
    const code = await seedCode(provider)
    await redeem({ code }, codeOnly)
    clock.advance(598_000)
    expect(await provider.store.get(storeKey.redeemedCode(code))).toBeDefined()
    clock.advance(2_000)
    expect(await provider.store.get(storeKey.redeemedCode(code))).toBeUndefined()
  })

  it('lets exactly one of many concurrent redemptions succeed', async () => {
    const code = await seedCode(provider)
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => redeem({ code })))
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1)
  })

  it('rejects an unknown code with invalid_grant', async () => {
    expect((await oauthError(() => redeem({ code: 'SplxlOBeZQQYbYS6WxSbIA' }))).error).toBe('invalid_grant')
  })

  it('rejects a missing code with invalid_request', async () => {
    expect((await oauthError(() => redeem({}))).error).toBe('invalid_request')
  })

  it('rejects an expired code with invalid_grant', async () => {
    const code = await seedCode(provider)
    clock.advance(61_000)
    expect((await oauthError(() => redeem({ code }))).error).toBe('invalid_grant')
  })

  it('rejects a code whose record outlives its own expiry', async () => {
    const code = await seedCode(provider, { expiresAt: T0_SECONDS - 1 })
    expect((await oauthError(() => redeem({ code }))).description).toContain('expired')
  })

  it('rejects a code issued to another client with invalid_grant', async () => {
    const code = await seedCode(provider)
    const error = await oauthError(() => redeem({ code }, other))
    expect(error.error).toBe('invalid_grant')
    expect(error.description).toContain('another client')
  })

  it('rejects a redirect_uri that is not identical, naming both values', async () => {
    const code = await seedCode(provider)
    const error = await oauthError(() => redeem({ code, redirect_uri: `${SAMPLE.redirectUri}?` }))
    expect(error.error).toBe('invalid_grant')
    expect(error.description).toContain('"https://client.example.org/cb?"')
    expect(error.description).toContain('"https://client.example.org/cb"')
  })

  it('rejects a missing redirect_uri with invalid_request', async () => {
    const code = await seedCode(provider)
    const grant = authorizationCodeGrant({
      context: tokenContext(provider),
      params: params({ grant_type: 'authorization_code', code }),
      client: sample,
    })
    expect((await oauthError(() => grant)).error).toBe('invalid_request')
  })

  it('redeems a code with the RFC 7636 Appendix B verifier', async () => {
    const code = await seedCode(provider, { codeChallenge: PKCE_CHALLENGE, codeChallengeMethod: 'S256' })
    expect((await redeem({ code, code_verifier: PKCE_VERIFIER })).access_token).toBeTypeOf('string')
  })

  it('rejects a wrong verifier with invalid_grant and burns the code', async () => {
    const code = await seedCode(provider, { codeChallenge: PKCE_CHALLENGE, codeChallengeMethod: 'S256' })
    const wrong = [...PKCE_VERIFIER].reverse().join('')
    expect((await oauthError(() => redeem({ code, code_verifier: wrong }))).error).toBe('invalid_grant')
    const retry = await oauthError(() => redeem({ code, code_verifier: PKCE_VERIFIER }))
    expect(retry.error).toBe('invalid_grant')
    expect(retry.description).toContain('already been used')
  })

  it('rejects a missing verifier when a challenge was sent', async () => {
    const code = await seedCode(provider, { codeChallenge: PKCE_CHALLENGE, codeChallengeMethod: 'S256' })
    expect((await oauthError(() => redeem({ code }))).error).toBe('invalid_grant')
  })

  it('rejects a verifier when no challenge was sent', async () => {
    const code = await seedCode(provider)
    expect((await oauthError(() => redeem({ code, code_verifier: PKCE_VERIFIER }))).error).toBe('invalid_grant')
  })

  it('rejects a malformed verifier with invalid_request and leaves the code redeemable', async () => {
    const code = await seedCode(provider, { codeChallenge: PKCE_CHALLENGE, codeChallengeMethod: 'S256' })
    expect((await oauthError(() => redeem({ code, code_verifier: 'abc' }))).error).toBe('invalid_request')
    expect(await provider.store.get(storeKey.code(code))).toBeDefined()
    expect((await redeem({ code, code_verifier: PKCE_VERIFIER })).access_token).toBeTypeOf('string')
  })

  it('is byte-stable for a seeded provider', async () => {
    const again = await testProvider()
    const first = await redeem({ code: await seedCode(provider, { grantId: 'g' }) })
    provider = again.provider
    const second = await redeem({ code: await seedCode(provider, { grantId: 'g' }) })
    expect(second.access_token).toBe(first.access_token)
    expect(second.id_token).toBe(first.id_token)
  })
})
