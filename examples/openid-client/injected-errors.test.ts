/**
 * The table "What an injected error looks like to openid-client" (docs/testing-your-client.md),
 * each row checked against openid-client v6 itself; and the example in that page is this folder's
 * openid-client.test.ts, word for word.
 */
import { readFileSync } from 'node:fs'
import { createMockIdp, type MockIdp } from 'codeflow'
import { runLoginFlow } from 'codeflow/testing'
import * as client from 'openid-client'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const REDIRECT_URI = 'http://localhost:3000/callback'
let idp: MockIdp
let config: client.Configuration

beforeAll(async () => {
  idp = await createMockIdp()
  config = await client.discovery(
    new URL(idp.issuer),
    'codeflow-basic',
    'codeflow-basic-secret',
    client.ClientSecretBasic('codeflow-basic-secret'),
    { execute: [client.allowInsecureRequests] },
  )
})
afterEach(() => idp.reset())
afterAll(() => idp.close())

async function signIn(): Promise<unknown> {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const authorizationUrl = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
  })
  const flow = await runLoginFlow({
    baseUrl: idp.issuer,
    authorizationEndpoint: `${authorizationUrl.origin}${authorizationUrl.pathname}`,
    params: Object.fromEntries(authorizationUrl.searchParams),
    username: 'alice',
    password: 'wonderland',
  })
  return client
    .authorizationCodeGrant(config, new URL(flow.callbackUrl), { pkceCodeVerifier: codeVerifier, expectedState: state })
    .catch((thrown: unknown) => thrown)
}

function tokenRequests(): number {
  return idp.requests({ endpoint: 'token' }).length
}

it('is the example the docs show, word for word', () => {
  const docs = readFileSync(new URL('../../docs/testing-your-client.md', import.meta.url), 'utf8')
  const section = docs.slice(docs.indexOf('## A complete example with openid-client'))
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
  expect(block).toBe(readFileSync(new URL('./openid-client.test.ts', import.meta.url), 'utf8'))
})

it('an injected invalid_grant with status 401 is a ResponseBodyError with status 401', async () => {
  idp.use({ endpoint: 'token', error: 'invalid_grant', status: 401 })
  const error = await signIn()
  expect(error).toBeInstanceOf(client.ResponseBodyError)
  expect(error).toMatchObject({ error: 'invalid_grant', status: 401 })
})

it('an injected access_denied is an AuthorizationResponseError, and the token endpoint is never called', async () => {
  idp.use({ endpoint: 'authorization', error: 'access_denied' })
  const error = await signIn()
  expect(error).toBeInstanceOf(client.AuthorizationResponseError)
  expect(error).toMatchObject({ error: 'access_denied' })
  expect(tokenRequests()).toBe(0)
})

it('an injected temporarily_unavailable (503) is a ClientError carrying the response', async () => {
  idp.use({ endpoint: 'token', error: 'temporarily_unavailable' })
  const error = await signIn()
  expect(error).toMatchObject({ name: 'ClientError', code: 'OAUTH_RESPONSE_IS_NOT_CONFORM' })
  expect((error as { cause: Response }).cause.status).toBe(503)
})

it('a wrong iss in the authorization response is refused before the token endpoint', async () => {
  idp.use({ behaviour: 'iss-wrong' })
  const error = await signIn()
  expect(error).toMatchObject({ name: 'ClientError', code: 'OAUTH_INVALID_RESPONSE' })
  expect(tokenRequests()).toBe(0)
})
