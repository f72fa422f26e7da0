import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ALICE,
  basic,
  PKCE_CHALLENGE,
  PKCE_VERIFIER,
  SAMPLE,
  startServer,
  type TestServer,
} from '../test-support/back-channel.js'

const TRICKY = { clientId: 'tricky client', secret: 'p:a+s%s w/rd' }
let idp: TestServer

beforeAll(async () => {
  idp = await startServer({
    clients: [
      {
        client_id: SAMPLE.clientId,
        client_secret: SAMPLE.secret,
        redirect_uris: [SAMPLE.redirectUri, `${SAMPLE.redirectUri}?`],
      },
      {
        client_id: TRICKY.clientId,
        client_secret: TRICKY.secret,
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: ['https://rp.example/cb'],
        grant_types: ['authorization_code'],
      },
      {
        client_id: 'post-client',
        client_secret: 'post-secret',
        token_endpoint_auth_method: 'client_secret_post',
        redirect_uris: ['https://rp.example/cb'],
      },
      { client_id: 'public-client', token_endpoint_auth_method: 'none', redirect_uris: ['https://rp.example/cb'] },
    ],
  })
})
afterAll(() => idp.close())

const sampleAuth = { Authorization: 'Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW' }
const redeemBody = (code: string) => ({ grant_type: 'authorization_code', code, redirect_uri: SAMPLE.redirectUri })

async function expectError(response: Response, status: number, error: string): Promise<{ error_description: string }> {
  const body = await response.json()
  expect({ status: response.status, error: body.error }).toEqual({ status, error })
  expect(response.headers.get('cache-control')).toBe('no-store')
  expect(response.headers.get('pragma')).toBe('no-cache')
  expect(response.headers.get('content-type')).toMatch(/^application\/json/)
  return body
}

describe('token endpoint', () => {
  it('answers the source document sample with the documented response shape and no-store headers', async () => {
    const response = await idp.token(redeemBody(await idp.seedCode()), sampleAuth)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('pragma')).toBe('no-cache')
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    const body = await response.json()
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'refresh_token',
      'scope',
      'token_type',
    ])
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 599, scope: 'openid profile email' })
  })

  it('issues an ID token that verifies with the published JWKS and has the right claims', async () => {
    const code = await idp.seedCode({ nonce: 'n-0S6_WzA2Mj' })
    const body = await (await idp.token(redeemBody(code), sampleAuth)).json()
    const jwks = createRemoteJWKSet(new URL(idp.url('/.well-known/jwks.json')))
    const { payload, protectedHeader } = await jwtVerify(body.id_token, jwks, {
      issuer: idp.running.issuer,
      audience: SAMPLE.clientId,
    })
    expect(protectedHeader.alg).toBe('RS256')
    expect(payload).toMatchObject({ sub: ALICE.sub, azp: SAMPLE.clientId, nonce: 'n-0S6_WzA2Mj' })
  })

  it('accepts client_secret_basic with credentials form-urlencoded before base64', async () => {
    const code = await idp.seedCode({ clientId: TRICKY.clientId, redirectUri: 'https://rp.example/cb' })
    const response = await idp.token(
      { grant_type: 'authorization_code', code, redirect_uri: 'https://rp.example/cb' },
      { Authorization: basic(TRICKY.clientId, TRICKY.secret) },
    )
    expect(response.status).toBe(200)
    expect((await response.json()).refresh_token).toBeUndefined()
  })

  it('refuses the same credentials base64-encoded without form-urlencoding', async () => {
    const raw = `Basic ${Buffer.from(`${TRICKY.clientId}:${TRICKY.secret}`).toString('base64')}`
    const response = await idp.token(redeemBody('x'), { Authorization: raw })
    await expectError(response, 401, 'invalid_client')
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm=/)
  })

  it('accepts client_secret_post', async () => {
    const code = await idp.seedCode({ clientId: 'post-client', redirectUri: 'https://rp.example/cb' })
    const response = await idp.token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://rp.example/cb',
      client_id: 'post-client',
      client_secret: 'post-secret',
    })
    expect(response.status).toBe(200)
  })

  it('accepts a public client with PKCE and no secret', async () => {
    const code = await idp.seedCode({
      clientId: 'public-client',
      redirectUri: 'https://rp.example/cb',
      codeChallenge: PKCE_CHALLENGE,
      codeChallengeMethod: 'S256',
    })
    const response = await idp.token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'https://rp.example/cb',
      client_id: 'public-client',
      code_verifier: PKCE_VERIFIER,
    })
    expect(response.status).toBe(200)
  })

  it('answers a wrong Basic secret with 401 invalid_client and a Basic challenge', async () => {
    const response = await idp.token(redeemBody('x'), { Authorization: basic(SAMPLE.clientId, 'wrong') })
    await expectError(response, 401, 'invalid_client')
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="token", charset="UTF-8"')
  })

  it('answers a wrong post secret with 401 invalid_client without a Basic challenge', async () => {
    const response = await idp.token({ ...redeemBody('x'), client_id: 'post-client', client_secret: 'wrong' })
    await expectError(response, 401, 'invalid_client')
    expect(response.headers.get('www-authenticate')).toBeNull()
  })

  it('answers a request without client authentication with invalid_client', async () => {
    await expectError(await idp.token(redeemBody('x')), 401, 'invalid_client')
  })

  it('answers two authentication methods at once with invalid_request', async () => {
    const response = await idp.token({ ...redeemBody('x'), client_secret: SAMPLE.secret }, sampleAuth)
    await expectError(response, 400, 'invalid_request')
  })

  it('answers a missing grant_type with invalid_request and an unknown one with unsupported_grant_type', async () => {
    await expectError(await idp.token({ code: 'x' }, sampleAuth), 400, 'invalid_request')
    await expectError(await idp.token({ grant_type: 'password' }, sampleAuth), 400, 'unsupported_grant_type')
    await expectError(await idp.token({ grant_type: 'constructor' }, sampleAuth), 400, 'unsupported_grant_type')
  })

  it('answers a grant the client is not registered for with unauthorized_client', async () => {
    const response = await idp.token(
      { grant_type: 'refresh_token', refresh_token: 'x' },
      { Authorization: basic(TRICKY.clientId, TRICKY.secret) },
    )
    await expectError(response, 400, 'unauthorized_client')
  })

  it('answers a repeated parameter with invalid_request', async () => {
    const response = await fetch(idp.url('/auth/token'), {
      method: 'POST',
      headers: { ...sampleAuth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code&grant_type=authorization_code&code=x',
    })
    await expectError(response, 400, 'invalid_request')
  })

  it('answers a bogus code with invalid_grant', async () => {
    await expectError(await idp.token(redeemBody('SplxlOBeZQQYbYS6WxSbIA'), sampleAuth), 400, 'invalid_grant')
  })

  it('answers a missing code with invalid_request', async () => {
    await expectError(
      await idp.token({ grant_type: 'authorization_code', redirect_uri: SAMPLE.redirectUri }, sampleAuth),
      400,
      'invalid_request',
    )
  })

  it('ignores unknown parameters', async () => {
    const response = await idp.token({ ...redeemBody(await idp.seedCode()), hello: 'world' }, sampleAuth)
    expect(response.status).toBe(200)
  })

  it('refuses GET with 405', async () => {
    const response = await fetch(idp.url(`/auth/token?${new URLSearchParams(redeemBody('x'))}`), {
      headers: sampleAuth,
    })
    expect(response.status).toBe(405)
  })

  it('refuses a client_secret in the URI query', async () => {
    const response = await fetch(idp.url('/auth/token?client_secret=post-secret'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...redeemBody('x'), client_id: 'post-client' }),
    })
    await expectError(response, 400, 'invalid_request')
  })

  it('refuses the JSON Content-Type erratum by default, naming the rule and the option', async () => {
    const response = await fetch(idp.url('/auth/token'), {
      method: 'POST',
      headers: { ...sampleAuth, 'Content-Type': 'application/json' },
      body: new URLSearchParams(redeemBody(await idp.seedCode())).toString(),
    })
    const body = await expectError(response, 400, 'invalid_request')
    expect(body.error_description).toContain('application/x-www-form-urlencoded (RFC 6749 section 4.1.3)')
    expect(body.error_description).toContain('errata.acceptJsonContentType')
  })

  it('refuses a body without a Content-Type', async () => {
    const response = await fetch(idp.url('/auth/token'), {
      method: 'POST',
      headers: sampleAuth,
      body: new Blob([new URLSearchParams(redeemBody('x')).toString()]),
    })
    await expectError(response, 400, 'invalid_request')
  })

  it('refuses an oversized parameter and an oversized body', async () => {
    await expectError(await idp.token(redeemBody('x'.repeat(5000)), sampleAuth), 400, 'invalid_request')
    const huge = await idp.token({ ...redeemBody('x'), padding: 'x'.repeat(20_000) }, sampleAuth)
    expect(huge.status).toBe(413)
  })

  it('lets exactly one of 20 concurrent redemptions of one code succeed', async () => {
    const code = await idp.seedCode()
    const responses = await Promise.all(Array.from({ length: 20 }, () => idp.token(redeemBody(code), sampleAuth)))
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 400)).toHaveLength(19)
  })

  it('revokes the access and refresh tokens of a code when it is replayed', async () => {
    const code = await idp.seedCode()
    const first = await (await idp.token(redeemBody(code), sampleAuth)).json()
    const userinfo = () => fetch(idp.url('/userinfo'), { headers: { Authorization: `Bearer ${first.access_token}` } })
    expect((await userinfo()).status).toBe(200)
    const replay = await expectError(await idp.token(redeemBody(code), sampleAuth), 400, 'invalid_grant')
    expect(replay.error_description).toContain('revoked')
    expect((await userinfo()).status).toBe(401)
    const refresh = await idp.token({ grant_type: 'refresh_token', refresh_token: first.refresh_token }, sampleAuth)
    await expectError(refresh, 400, 'invalid_grant')
  })

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const first = await idp.tokens()
    const refresh = (token: string) => idp.token({ grant_type: 'refresh_token', refresh_token: token }, sampleAuth)
    const secondResponse = await refresh(first.refresh_token!)
    expect(secondResponse.status).toBe(200)
    expect(secondResponse.headers.get('cache-control')).toBe('no-store')
    const second = await secondResponse.json()
    expect(second.refresh_token).not.toBe(first.refresh_token)
    await expectError(await refresh(first.refresh_token!), 400, 'invalid_grant')
    await expectError(await refresh(second.refresh_token), 400, 'invalid_grant')
    const userinfo = await fetch(idp.url('/userinfo'), { headers: { Authorization: `Bearer ${second.access_token}` } })
    expect(userinfo.status).toBe(401)
  })

  it('refuses a refresh that asks for more scope than was granted', async () => {
    const first = await idp.tokens({ scope: ['openid', 'email'] })
    const response = await idp.token(
      { grant_type: 'refresh_token', refresh_token: first.refresh_token!, scope: 'openid email profile' },
      sampleAuth,
    )
    await expectError(response, 400, 'invalid_scope')
    const narrowed = await idp.token(
      { grant_type: 'refresh_token', refresh_token: first.refresh_token!, scope: 'openid' },
      sampleAuth,
    )
    expect((await narrowed.json()).scope).toBe('openid')
  })
})

describe('token endpoint with the JSON Content-Type erratum accepted', () => {
  let lenient: TestServer
  beforeAll(async () => {
    lenient = await startServer({ errata: { acceptJsonContentType: true } })
  })
  afterAll(() => lenient.close())

  const send = (body: string) =>
    fetch(lenient.url('/auth/token'), {
      method: 'POST',
      headers: { ...sampleAuth, 'Content-Type': 'application/json' },
      body,
    })

  it('accepts the guide sample: a form-encoded body labelled application/json', async () => {
    const body = new URLSearchParams(redeemBody(await lenient.seedCode())).toString()
    expect((await send(body)).status).toBe(200)
  })

  it('accepts a real JSON object of string parameters', async () => {
    expect((await send(JSON.stringify(redeemBody(await lenient.seedCode())))).status).toBe(200)
  })

  it('refuses JSON whose parameters are not strings, or that is not an object', async () => {
    await expectError(await send(JSON.stringify({ ...redeemBody('x'), code: 1 })), 400, 'invalid_request')
    await expectError(await send('["grant_type"]'), 400, 'invalid_request')
    await expectError(await send('{"grant_type":'), 400, 'invalid_request')
  })
})

describe('token endpoint with other signing algorithms', () => {
  it.each(['ES256', 'PS256', 'EdDSA'] as const)('issues %s ID tokens that verify with the JWKS', async (alg) => {
    const server = await startServer({ keys: { algorithms: [alg] } })
    try {
      const body = await server.tokens()
      const jwks = createRemoteJWKSet(new URL(server.url('/.well-known/jwks.json')))
      const { protectedHeader, payload } = await jwtVerify(body.id_token!, jwks, {
        issuer: server.running.issuer,
        audience: SAMPLE.clientId,
        algorithms: [alg],
      })
      expect(protectedHeader.kid).toBe(server.running.provider.keys.signingKey(alg).kid)
      expect(payload.sub).toBe(ALICE.sub)
    } finally {
      await server.close()
    }
  })
})
