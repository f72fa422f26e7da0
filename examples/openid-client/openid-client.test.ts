import { createMockIdp, type MockIdp } from 'codeflow'
import { runLoginFlow } from 'codeflow/testing'
import * as client from 'openid-client'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const REDIRECT_URI = 'http://localhost:3000/callback' // registered for codeflow-basic
let idp: MockIdp
let config: client.Configuration

beforeAll(async () => {
  idp = await createMockIdp()
  config = await client.discovery(
    new URL(idp.issuer),
    'codeflow-basic',
    'codeflow-basic-secret',
    client.ClientSecretBasic('codeflow-basic-secret'), // openid-client's default is client_secret_post
    { execute: [client.allowInsecureRequests] }, // the mock listens on http://127.0.0.1
  )
})
afterEach(() => idp.reset())
afterAll(() => idp.close())

async function signIn() {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  // The mock's login and consent pages, filled in over HTTP; the redirect back is captured, not followed.
  const flow = await runLoginFlow({
    baseUrl: idp.issuer,
    authorizationEndpoint: `${authorizationUrl.origin}${authorizationUrl.pathname}`,
    params: Object.fromEntries(authorizationUrl.searchParams),
    username: 'alice',
    password: 'wonderland',
  })
  return client.authorizationCodeGrant(config, new URL(flow.callbackUrl), {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  })
}

it('signs alice in', async () => {
  const tokens = await signIn()
  expect(tokens.claims()?.sub).toBe('248289761001')
})

it('surfaces a refused code exchange to the caller', async () => {
  idp.use({ endpoint: 'token', error: 'invalid_grant', description: 'the code has expired' })
  const error = await signIn().catch((thrown: unknown) => thrown)
  expect(error).toBeInstanceOf(client.ResponseBodyError)
  expect(error).toMatchObject({ error: 'invalid_grant', error_description: 'the code has expired', status: 400 })
})
