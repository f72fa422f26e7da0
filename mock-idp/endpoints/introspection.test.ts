import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OffsetClock } from '../clock.js'
import { ALICE, basic, SAMPLE, startServer, type TestServer } from '../test-support/back-channel.js'

let idp: TestServer
const clock = new OffsetClock()
const sampleAuth = { Authorization: basic(SAMPLE.clientId, SAMPLE.secret) }
const otherAuth = { Authorization: basic('codeflow-basic', 'codeflow-basic-secret') }

beforeAll(async () => {
  idp = await startServer({}, { clock })
})
afterAll(() => idp.close())

const introspect = async (body: Record<string, string>, headers: Record<string, string> = sampleAuth) => {
  const response = await idp.post('/oauth/introspect', body, headers)
  expect(response.headers.get('cache-control')).toBe('no-store')
  return { status: response.status, body: await response.json() }
}

describe('introspection endpoint', () => {
  it('describes an active access token consistently with the token response', async () => {
    const before = Math.floor(clock.now() / 1000)
    const tokens = await idp.tokens({ scope: ['openid', 'email'] })
    const after = Math.floor(clock.now() / 1000)
    const { status, body } = await introspect({ token: tokens.access_token })
    expect(status).toBe(200)
    expect(body.iat).toBeGreaterThanOrEqual(before)
    expect(body.iat).toBeLessThanOrEqual(after)
    expect(body).toEqual({
      active: true,
      scope: 'openid email',
      client_id: SAMPLE.clientId,
      username: ALICE.username,
      token_type: 'Bearer',
      exp: body.iat + tokens.expires_in,
      iat: body.iat,
      sub: ALICE.sub,
      aud: `${idp.running.issuer}/userinfo`,
      iss: idp.running.issuer,
      jti: expect.any(String),
    })
  })

  it('describes an active refresh token whatever the hint says', async () => {
    const tokens = await idp.tokens()
    for (const hint of ['refresh_token', 'access_token', 'bogus']) {
      const { body } = await introspect({ token: tokens.refresh_token!, token_type_hint: hint })
      expect(body).toMatchObject({ active: true, client_id: SAMPLE.clientId, sub: ALICE.sub })
      expect(body).not.toHaveProperty('token_type')
    }
  })

  it('answers only active false for unknown, revoked, expired and rotated-away tokens', async () => {
    expect((await introspect({ token: 'never-issued' })).body).toEqual({ active: false })

    const revoked = await idp.tokens()
    await idp.post('/oauth/revoke', { token: revoked.refresh_token! }, sampleAuth)
    expect((await introspect({ token: revoked.access_token })).body).toEqual({ active: false })

    const rotated = await idp.tokens()
    await idp.token({ grant_type: 'refresh_token', refresh_token: rotated.refresh_token! }, sampleAuth)
    expect((await introspect({ token: rotated.refresh_token! })).body).toEqual({ active: false })

    const expiring = await idp.tokens()
    clock.advance(600_000)
    try {
      expect((await introspect({ token: expiring.access_token })).body).toEqual({ active: false })
    } finally {
      clock.advance(-600_000)
    }
  })

  it('answers active false for the tokens of a replayed code', async () => {
    const code = await idp.seedCode()
    const body = { grant_type: 'authorization_code', code, redirect_uri: SAMPLE.redirectUri }
    const first = await (await idp.token(body, sampleAuth)).json()
    await idp.token(body, sampleAuth)
    expect((await introspect({ token: first.access_token })).body).toEqual({ active: false })
  })

  it("answers active false for another client's token", async () => {
    const tokens = await idp.tokens()
    expect((await introspect({ token: tokens.access_token }, otherAuth)).body).toEqual({ active: false })
  })

  it('requires client authentication and the token parameter', async () => {
    const { access_token } = await idp.tokens()
    const unauthenticated = await introspect({ token: access_token }, {})
    expect(unauthenticated).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
    expect(await introspect({}, sampleAuth)).toMatchObject({ status: 400, body: { error: 'invalid_request' } })
  })

  it('refuses GET and a JSON body', async () => {
    expect((await fetch(idp.url('/oauth/introspect'), { headers: sampleAuth })).status).toBe(405)
    const json = await fetch(idp.url('/oauth/introspect'), {
      method: 'POST',
      headers: { ...sampleAuth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: 'x' }),
    })
    expect(json.status).toBe(400)
  })
})
