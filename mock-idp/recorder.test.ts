import { afterAll, beforeAll, expect, it } from 'vitest'
import { authorizeAndLogin } from '../test/support/login-flow.js'
import { createMockIdp, type MockIdp } from './index.js'

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
