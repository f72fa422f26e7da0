import { afterAll, beforeAll, expect, it } from 'vitest'
import { authorizeAndLogin } from '../test/support/login-flow.js'
import { createMockIdp, type MockIdp } from './index.js'
import { ExchangeRecorder } from './recorder.js'

let idp: MockIdp
beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' }, limits: { maxRecordedExchanges: 50 } })
})
afterAll(() => idp.close())

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'

async function flow(): Promise<void> {
  const callback = new URL(
    await authorizeAndLogin({
      baseUrl: idp.url,
      params: {
        response_type: 'code',
        client_id: 'codeflow-basic',
        redirect_uri: 'http://localhost:3000/callback',
        scope: 'openid',
        state: 'st',
        nonce: 'n-0S6_WzA2Mj',
        code_challenge: CHALLENGE,
        code_challenge_method: 'S256',
      },
      username: 'alice',
      password: 'wonderland',
      consent: 'approve',
    }),
  )
  await fetch(`${idp.url}/auth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from('codeflow-basic:codeflow-basic-secret').toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code')!,
      redirect_uri: 'http://localhost:3000/callback',
      code_verifier: VERIFIER,
    }),
  })
}

it('shows what the client sent: PKCE S256 and nonce at the authorization endpoint', async () => {
  await idp.reset()
  await flow()
  const [authorization] = idp.requests({ endpoint: 'authorization' })
  expect(Object.fromEntries(authorization!.params)).toMatchObject({
    code_challenge_method: 'S256',
    code_challenge: CHALLENGE,
    nonce: 'n-0S6_WzA2Mj',
  })
  expect(authorization!.status).toBe(302)
})

it('redacts the verifier, the code, the Authorization header and the tokens unless asked not to', async () => {
  await idp.reset()
  await flow()
  const [token] = idp.requests({ endpoint: 'token' })
  const params = Object.fromEntries(token!.params)
  expect(params.grant_type).toBe('authorization_code')
  expect(params.code_verifier).toBe('[REDACTED]')
  expect(params.code).toBe('[REDACTED]')
  expect(token!.headers.authorization).toBe('Basic [REDACTED]')
  expect(token!.responseBody).toMatchObject({
    access_token: '[REDACTED]',
    id_token: '[REDACTED]',
    token_type: 'Bearer',
  })
  const text = JSON.stringify(idp.requests())
  expect(text).not.toContain(VERIFIER)
  expect(text).not.toContain('wonderland')
  expect(text).not.toMatch(/code=(?!%5BREDACTED%5D)[\w-]{20,}/)

  const [raw] = idp.requests({ endpoint: 'token', redact: false })
  expect(Object.fromEntries(raw!.params).code_verifier).toBe(VERIFIER)
  expect(raw!.headers.authorization).toMatch(/^Basic [A-Za-z0-9+/=]+$/)
})

it('records error answers too, and keeps only the most recent exchanges', async () => {
  await idp.reset()
  await fetch(`${idp.url}/auth/token`, { method: 'POST' })
  const [failed] = idp.requests({ endpoint: 'token' })
  // No client authentication at all: RFC 6749 §5.2 invalid_client.
  expect(failed!.status).toBe(401)
  expect(failed!.responseBody).toMatchObject({ error: 'invalid_client' })
  for (let i = 0; i < 60; i++) await fetch(`${idp.url}/.well-known/jwks.json`)
  expect(idp.requests()).toHaveLength(50)
  expect(idp.requests({ endpoint: 'token' })).toHaveLength(0)
  await idp.reset()
  expect(idp.requests()).toHaveLength(0)
})

it('keeps the recorded exchanges in arrival order after the buffer wraps around', async () => {
  await idp.reset()
  for (let i = 0; i < 55; i++) await fetch(`${idp.url}/.well-known/jwks.json?i=${i}`)
  const order = idp.requests().map((exchange) => new URL(exchange.url).searchParams.get('i'))
  expect(order).toEqual(Array.from({ length: 50 }, (_, index) => String(index + 5)))
})

function exchange(i: number, bodyBytes: number) {
  return {
    endpoint: 'token',
    method: 'POST',
    url: `https://op.example/auth/token?i=${i}`,
    bodyText: `grant_type=authorization_code&pad=${'p'.repeat(bodyBytes)}`,
    contentType: 'application/x-www-form-urlencoded',
    headers: new Headers({ 'content-type': 'application/x-www-form-urlencoded' }),
    status: 400,
    errorBody: { error: 'invalid_grant' },
    at: i,
  }
}

it('keeps recorded requests within their byte bound, dropping the oldest first', () => {
  const recorder = new ExchangeRecorder(100, 50_000)
  for (let i = 0; i < 20; i++) recorder.record(exchange(i, 10_000))
  const kept = recorder.list().map((entry) => entry.at)
  expect(kept).toEqual([16, 17, 18, 19])
  expect(recorder.bytes).toBeLessThanOrEqual(50_000)
  for (let i = 20; i < 120; i++) recorder.record(exchange(i, 10))
  expect(recorder.list()).toHaveLength(100)
  expect(recorder.list()[0]!.at).toBe(20)
  expect(recorder.bytes).toBeLessThan(50_000)
})

it('keeps the newest request even when it alone is over the byte bound', () => {
  const recorder = new ExchangeRecorder(10, 1000)
  recorder.record(exchange(1, 10))
  recorder.record(exchange(2, 5000))
  expect(recorder.list().map((entry) => entry.at)).toEqual([2])
  recorder.record(exchange(3, 10))
  expect(recorder.list().map((entry) => entry.at)).toEqual([3])
})
