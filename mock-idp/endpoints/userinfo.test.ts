import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OffsetClock } from '../clock.js'
import { ALICE, startServer, type TestServer } from '../test-support/back-channel.js'

let idp: TestServer
const clock = new OffsetClock()

beforeAll(async () => {
  idp = await startServer({ allowRequestBehaviours: true }, { clock })
})
afterAll(() => idp.close())

const get = (headers: Record<string, string> = {}, query = '') => fetch(idp.url(`/userinfo${query}`), { headers })
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

async function expectBearerError(response: Response, status: number, error: string): Promise<string> {
  expect(response.status).toBe(status)
  expect((await response.json()).error).toBe(error)
  const challenge = response.headers.get('www-authenticate') ?? ''
  expect(challenge).toMatch(/^Bearer realm="userinfo"/)
  return challenge
}

describe('UserInfo endpoint', () => {
  it('answers GET with the header: sub equal to the ID token sub, scope claims, no-store', async () => {
    const tokens = await idp.tokens({ scope: ['openid', 'email'] })
    const response = await get(bearer(tokens.access_token))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await response.json()
    expect(body).toEqual({ sub: ALICE.sub, email: 'alice@example.com', email_verified: true })
    expect(body.sub).toBe(decodeJwt(tokens.id_token!).sub)
  })

  it('releases the profile claims for the profile scope', async () => {
    const tokens = await idp.tokens({ scope: ['openid', 'profile'] })
    const body = await (await get(bearer(tokens.access_token))).json()
    expect(body).toMatchObject({ sub: ALICE.sub, name: 'Alice Liddell', given_name: 'Alice', updated_at: 1700000000 })
    expect(body).not.toHaveProperty('email')
  })

  it('answers POST with the header and POST with the token in a form body', async () => {
    const { access_token } = await idp.tokens()
    const viaHeader = await fetch(idp.url('/userinfo'), { method: 'POST', headers: bearer(access_token) })
    expect(viaHeader.status).toBe(200)
    const viaBody = await idp.post('/userinfo', { access_token })
    expect(viaBody.status).toBe(200)
    expect((await viaBody.json()).sub).toBe(ALICE.sub)
  })

  it('accepts the Bearer scheme name in any case', async () => {
    const { access_token } = await idp.tokens()
    expect((await get({ Authorization: `bearer ${access_token}` })).status).toBe(200)
  })

  it('answers a token in both the header and the body with 400 invalid_request', async () => {
    const { access_token } = await idp.tokens()
    const response = await idp.post('/userinfo', { access_token }, bearer(access_token))
    const challenge = await expectBearerError(response, 400, 'invalid_request')
    expect(challenge).toContain('error="invalid_request"')
  })

  it('answers a request without a token with 401 and a bare Bearer challenge', async () => {
    const response = await get()
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="userinfo"')
  })

  it('treats another authorization scheme as no bearer token', async () => {
    const response = await get({ Authorization: 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="userinfo"')
  })

  it('refuses a token in the URI query with invalid_request', async () => {
    const { access_token } = await idp.tokens()
    const response = await get({}, `?access_token=${access_token}`)
    const body = await expectBearerError(response, 400, 'invalid_request')
    expect(body).toContain('RFC 6750')
  })

  it('answers a malformed Authorization header with invalid_request', async () => {
    await expectBearerError(await get({ Authorization: 'Bearer a b' }), 400, 'invalid_request')
    await expectBearerError(await get({ Authorization: 'Bearer' }), 400, 'invalid_request')
  })

  it('answers an unknown token with 401 invalid_token', async () => {
    const challenge = await expectBearerError(await get(bearer('not-a-token')), 401, 'invalid_token')
    expect(challenge).toContain('error="invalid_token"')
  })

  it('answers an expired token with 401 invalid_token', async () => {
    const { access_token } = await idp.tokens()
    clock.advance(600_000)
    try {
      await expectBearerError(await get(bearer(access_token)), 401, 'invalid_token')
    } finally {
      clock.advance(-600_000)
    }
  })

  it('answers a refresh token or a code used as a bearer token with 401 invalid_token', async () => {
    const { refresh_token } = await idp.tokens()
    await expectBearerError(await get(bearer(refresh_token!)), 401, 'invalid_token')
    await expectBearerError(await get(bearer(await idp.seedCode())), 401, 'invalid_token')
  })

  it('answers a token without the openid scope with 403 insufficient_scope', async () => {
    const { access_token } = await idp.tokens({ scope: ['profile'] })
    const challenge = await expectBearerError(await get(bearer(access_token)), 403, 'insufficient_scope')
    expect(challenge).toContain('error="insufficient_scope"')
  })
})

describe('UserInfo endpoint with its rules waived by behaviours', () => {
  const behaviour = (id: string) => ({ 'codeflow-behaviour': id })

  it('serves a token in the URI query under userinfo-query-token-accepted', async () => {
    const { access_token } = await idp.tokens()
    const response = await get(behaviour('userinfo-query-token-accepted'), `?access_token=${access_token}`)
    expect(response.status).toBe(200)
    expect((await response.json()).sub).toBe(ALICE.sub)
  })

  it('serves a token in the header and the body under userinfo-multiple-methods-accepted', async () => {
    const { access_token } = await idp.tokens()
    const response = await idp.post(
      '/userinfo',
      { access_token },
      { ...bearer(access_token), ...behaviour('userinfo-multiple-methods-accepted') },
    )
    expect(response.status).toBe(200)
  })

  it('serves a token without openid under userinfo-without-openid-accepted', async () => {
    const { access_token } = await idp.tokens({ scope: ['profile'] })
    const response = await get({ ...bearer(access_token), ...behaviour('userinfo-without-openid-accepted') })
    expect(response.status).toBe(200)
    expect((await response.json()).sub).toBe(ALICE.sub)
  })
})

describe('UserInfo endpoint with JWT access tokens', () => {
  it('accepts the JWT access token it issued', async () => {
    const server = await startServer({ tokens: { accessTokenFormat: 'jwt' } })
    try {
      const { access_token } = await server.tokens()
      expect(access_token.split('.')).toHaveLength(3)
      const response = await fetch(server.url('/userinfo'), { headers: bearer(access_token) })
      expect((await response.json()).sub).toBe(ALICE.sub)
    } finally {
      await server.close()
    }
  })
})
