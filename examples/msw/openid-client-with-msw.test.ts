/**
 * Example: a client that talks to a fixed issuer URL, tested with msw. `mockIdpHandlers` serves the
 * mock IdP inside msw (no port, no server), and a real relying-party library — openid-client —
 * runs the whole code flow against it: discovery, PKCE, login, code exchange with ID token
 * validation, UserInfo. Then the same client meets a broken server (a behaviour) and a flaky one
 * (an injected error), which is what these tests are for.
 */
import { mockIdpHandlers } from 'codeflow/msw'
import { authorizeAndLogin } from 'codeflow/testing'
import { setupServer } from 'msw/node'
import * as client from 'openid-client'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'

const idp = mockIdpHandlers({ issuer: 'https://idp.example.test', log: { level: 'silent' } })
const server = setupServer(...idp.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => idp.reset())
afterAll(() => server.close())

const REDIRECT_URI = 'http://localhost:3000/callback'

async function signIn() {
  const config = await client.discovery(new URL(idp.issuer), 'codeflow-public', undefined, client.None())
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  // The login and consent pages, submitted like a browser would (fetch goes through msw too).
  const callback = await authorizeAndLogin({
    baseUrl: idp.issuer,
    authorizationEndpoint: `${url.origin}${url.pathname}`,
    params: Object.fromEntries(url.searchParams),
    username: 'alice',
    password: 'wonderland',
  })
  const tokens = await client.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
  })
  return { config, tokens }
}

it('signs in through msw with openid-client, and the mock saw PKCE S256 and a nonce', async () => {
  const { config, tokens } = await signIn()
  const claims = tokens.claims()!
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
  expect(userinfo.email).toBe('alice@example.com')

  const [authorize] = await idp.requests({ endpoint: 'authorization' })
  const sent = Object.fromEntries(authorize!.params)
  expect(sent.code_challenge_method).toBe('S256')
  expect(sent.nonce).toBeDefined()
})

/** What a failed sign-in threw, for assertions on the library's error. */
async function failure(
  attempt: Promise<unknown>,
): Promise<{ code?: string; cause?: { message?: string; status?: number } }> {
  try {
    await attempt
  } catch (error) {
    return error as { code?: string; cause?: { message?: string; status?: number } }
  }
  throw new Error('the sign-in succeeded, but it should have failed')
}

it('rejects an ID token without the nonce it sent (behaviour id-token-nonce-omitted)', async () => {
  await idp.use({ behaviour: 'id-token-nonce-omitted', endpoint: 'token' })
  const error = await failure(signIn())
  expect(error.code).toBe('OAUTH_INVALID_RESPONSE')
  expect(error.cause?.message).toMatch(/"nonce".*missing/)
})

it('reports a token endpoint that answers 503 once, and the retry succeeds', async () => {
  await idp.use({ endpoint: 'token', error: 'temporarily_unavailable' })
  const error = await failure(signIn())
  // A 503 is not an RFC 6749 §5.2 error response, and openid-client says so.
  expect(error).toMatchObject({ code: 'OAUTH_RESPONSE_IS_NOT_CONFORM', cause: { status: 503 } })
  await expect(signIn()).resolves.toBeDefined()
})
