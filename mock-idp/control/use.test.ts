import { decodeJwt } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { runLoginFlow } from '../../test/support/login-flow.js'
import { createMockIdp, type MockIdp, OverrideError } from '../index.js'
import { basic, SAMPLE } from '../test-support/back-channel.js'

let idp: MockIdp
beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})
afterAll(() => idp.close())
afterEach(() => idp.reset())

const AUTHZ = { response_type: 'code', scope: 'openid', redirect_uri: SAMPLE.redirectUri, client_id: SAMPLE.clientId }

function signIn(extra: Record<string, string> = {}) {
  return runLoginFlow({
    baseUrl: idp.url,
    params: { ...AUTHZ, state: 's-1', nonce: 'n-1', ...extra },
    username: 'alice',
    password: 'wonderland',
    consent: 'approve',
  })
}

function redeem(code: string) {
  return fetch(`${idp.url}/auth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: basic(SAMPLE.clientId, SAMPLE.secret),
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: SAMPLE.redirectUri }),
  })
}

async function idToken(code: string): Promise<Record<string, unknown>> {
  const response = await redeem(code)
  expect(response.status).toBe(200)
  return decodeJwt(((await response.json()) as { id_token: string }).id_token)
}

describe('use()', () => {
  it('signs the named user in on the next authorization request, without the login page', async () => {
    idp.use({ login: 'bob' })
    const asBob = await signIn()
    expect(asBob.pages).toEqual(['consent'])
    const asAlice = await signIn()
    expect(asAlice.pages).toEqual(['login', 'consent'])
    const bobSub = (await idToken(asBob.params.get('code')!)).sub
    expect(bobSub).not.toBe((await idToken(asAlice.params.get('code')!)).sub)
  })

  it('adds claims to the next ID token only', async () => {
    idp.use({ claims: { acr: 'urn:example:mfa', email: 'override@example.com' } })
    const first = await idToken((await signIn()).params.get('code')!)
    expect(first).toMatchObject({ acr: 'urn:example:mfa', email: 'override@example.com' })
    const second = await idToken((await signIn()).params.get('code')!)
    expect(second.acr).toBeUndefined()
  })

  it('switches a behaviour on for the next matching request only', async () => {
    idp.use({ behaviour: 'id-token-nonce-omitted', endpoint: 'token' })
    expect((await idToken((await signIn()).params.get('code')!)).nonce).toBeUndefined()
    expect((await idToken((await signIn()).params.get('code')!)).nonce).toBe('n-1')
  })

  it('applies a behaviour named without an endpoint to the whole next sign-in flow', async () => {
    idp.use({ behaviour: ['iss-wrong', 'id-token-nonce-omitted'] })
    const flow = await signIn()
    expect(flow.params.get('iss')).toBe('https://attacker.example/')
    expect((await idToken(flow.params.get('code')!)).nonce).toBeUndefined()
    const next = await signIn()
    expect(next.params.get('iss')).toBe(idp.issuer)
  })

  it('answers the next token request with the injected error, then works again', async () => {
    idp.use({ endpoint: 'token', error: 'temporarily_unavailable' })
    const code = (await signIn()).params.get('code')!
    const failed = await redeem(code)
    expect(failed.status).toBe(503)
    expect(failed.headers.get('cache-control')).toBe('no-store')
    expect(await failed.json()).toMatchObject({ error: 'temporarily_unavailable' })
    // The injected failure never reached the grant: the code is still good.
    expect((await redeem(code)).status).toBe(200)
  })

  it('sends an injected authorization error to the redirect_uri with the state', async () => {
    idp.use({ endpoint: 'authorization', error: 'access_denied', description: 'the user said no' })
    const flow = await signIn()
    expect(Object.fromEntries(flow.params)).toMatchObject({ error: 'access_denied', state: 's-1', iss: idp.issuer })
    expect(flow.params.has('code')).toBe(false)
  })

  it('answers with a raw response (429 with Retry-After) as many times as asked', async () => {
    idp.use({ endpoint: 'userinfo', respond: { status: 429, headers: { 'Retry-After': '2' } }, times: 2 })
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(`${idp.url}/userinfo`)
      expect(response.status).toBe(429)
      expect(response.headers.get('retry-after')).toBe('2')
    }
    expect((await fetch(`${idp.url}/userinfo`)).status).toBe(401)
  })

  it('delays an endpoint past a client timeout', async () => {
    idp.use({ endpoint: 'jwks', delayMs: 2_000 })
    await expect(fetch(`${idp.url}/.well-known/jwks.json`, { signal: AbortSignal.timeout(200) })).rejects.toThrow(
      /aborted|timeout/i,
    )
  })

  it('drops the connection without an answer', async () => {
    idp.use({ endpoint: 'discovery', drop: true })
    await expect(fetch(`${idp.url}/.well-known/openid-configuration`)).rejects.toThrow(/fetch failed/)
    expect((await fetch(`${idp.url}/.well-known/openid-configuration`)).status).toBe(200)
  })

  it('makes an endpoint flap with every: 2', async () => {
    idp.use({ endpoint: 'discovery', respond: { status: 503 }, every: 2, persistent: true })
    const statuses = []
    for (let attempt = 0; attempt < 4; attempt++) {
      statuses.push((await fetch(`${idp.url}/.well-known/openid-configuration`)).status)
    }
    expect(statuses).toEqual([200, 503, 200, 503])
  })

  it('keeps a persistent override until reset()', async () => {
    idp.use({ endpoint: 'discovery', respond: { status: 500, body: { error: 'server_error' } }, persistent: true })
    expect((await fetch(`${idp.url}/.well-known/openid-configuration`)).status).toBe(500)
    expect((await fetch(`${idp.url}/.well-known/openid-configuration`)).status).toBe(500)
    await idp.reset()
    expect((await fetch(`${idp.url}/.well-known/openid-configuration`)).status).toBe(200)
  })

  it('refuses an override it could never honour, saying why', () => {
    expect(() => idp.use({ login: 'mallory' })).toThrow(/no such user; known: alice, bob/)
    expect(() => idp.use({ behaviour: 'iss-wrnog' })).toThrow(/did you mean "iss-wrong"/)
    expect(() => idp.use({ endpoint: 'tokens' as 'token', error: 'x' })).toThrow(OverrideError)
    expect(() => idp.use({ endpoint: 'token', delayMs: -1 })).toThrow(OverrideError)
  })

  it('refuses a response header name with CR/LF, naming the field, instead of answering 500 later', async () => {
    const use = () => idp.use({ endpoint: 'userinfo', respond: { status: 200, headers: { 'X-A\r\nSet-Cookie': 'x' } } })
    expect(use).toThrow(OverrideError)
    expect(use).toThrow(/respond\.headers: header name "X-A\\r\\nSet-Cookie" is not an RFC 9110 token/)
    expect((await fetch(`${idp.url}/userinfo`)).status).toBe(401)
  })

  it('refuses a response header value with CR, LF, NUL or beyond Latin-1, and framing headers', () => {
    for (const value of ['a\r\nb', 'a\nb', 'a\u0000b', '€']) {
      expect(
        () => idp.use({ endpoint: 'userinfo', respond: { status: 200, headers: { 'X-A': value } } }),
        value,
      ).toThrow(/header "X-A" has a value with CR, LF, NUL/)
    }
    expect(() =>
      idp.use({ endpoint: 'userinfo', respond: { status: 200, headers: { 'Content-Length': '5' } } }),
    ).toThrow(/the server sets it/)
    expect(() =>
      idp.use({ endpoint: 'userinfo', respond: { status: 200, headers: { 'X-A': 'ok\tvalue' } } }),
    ).not.toThrow()
  })

  it('refuses a body on a 204, and claims or bodies that cannot travel as JSON', () => {
    expect(() => idp.use({ endpoint: 'userinfo', respond: { status: 204, body: 'x' } })).toThrow(/respond\.body/)
    let deep: unknown = 'leaf'
    for (let level = 0; level < 10_000; level++) deep = [deep]
    expect(() => idp.use({ claims: { deep } })).toThrow(/claims: nests deeper than 32 levels/)
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(() => idp.use({ endpoint: 'userinfo', respond: { status: 200, body: circular } })).toThrow(/is circular/)
  })
})

describe('clock', () => {
  it('expires a code when the test advances time past its lifetime', async () => {
    const code = (await signIn()).params.get('code')!
    idp.clock.advance(11 * 60_000)
    const response = await redeem(code)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('rewinds on reset()', async () => {
    const before = idp.clock.now()
    idp.clock.advance(3_600_000)
    await idp.reset()
    expect(idp.clock.now() - before).toBeLessThan(3_600_000)
  })
})

it('answers the next token request with a correct but unusual token response, once', async () => {
  idp.use({
    tokenResponse: { set: { token_type: 'bearer', 'urn:example:extension': 1 }, omit: ['scope', 'refresh_token'] },
  })
  const edited = (await (await redeem((await signIn()).params.get('code')!)).json()) as Record<string, unknown>
  expect(edited.token_type).toBe('bearer')
  expect(edited['urn:example:extension']).toBe(1)
  expect(edited).not.toHaveProperty('scope')
  expect(edited).not.toHaveProperty('refresh_token')
  expect(edited.access_token).toEqual(expect.any(String))
  expect(edited.id_token).toEqual(expect.any(String))
  const next = (await (await redeem((await signIn()).params.get('code')!)).json()) as Record<string, unknown>
  expect(next.token_type).toBe('Bearer')
  expect(next).toHaveProperty('scope')
})

it('refuses to leave a REQUIRED member out of a token response through tokenResponse', () => {
  expect(() => idp.use({ tokenResponse: { omit: ['access_token' as 'scope'] } })).toThrow(OverrideError)
})
