/**
 * Interop with a certified relying-party library: `openid-client` v6 (panva) completes the whole
 * authorization-code flow against a real mock IdP over HTTP — discovery, PKCE S256 + nonce + state,
 * the form login (test/support/login-flow.ts), the code exchange with ID Token validation (JWKS
 * signature, iss, aud, nonce; RFC 9207 `iss` on the callback), UserInfo, refresh, revocation and
 * introspection — once per client authentication method of the default dev clients.
 *
 * openid-client validates everything itself; the assertions here check that it got what the
 * mock promises, and that it refuses what it must (a tampered state, a foreign issuer).
 */
import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockIdp, serveMockIdp } from '../../mock-idp/server.js'
import { authorizeAndLogin } from '../support/login-flow.js'

const REDIRECT_URI = 'http://localhost:3000/callback'
const ALICE = { username: 'alice', password: 'wonderland', sub: '248289761001' }

interface ClientCase {
  name: string
  clientId: string
  secret?: string
  auth: () => client.ClientAuth
}

const CASES: ClientCase[] = [
  {
    name: 'client_secret_basic',
    clientId: 'codeflow-basic',
    secret: 'codeflow-basic-secret',
    auth: () => client.ClientSecretBasic('codeflow-basic-secret'),
  },
  {
    name: 'client_secret_post',
    clientId: 'codeflow-post',
    secret: 'codeflow-post-secret',
    auth: () => client.ClientSecretPost('codeflow-post-secret'),
  },
  { name: 'a public client (none)', clientId: 'codeflow-public', auth: () => client.None() },
]

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(() => idp.close())

function discover(clientCase: ClientCase): Promise<client.Configuration> {
  // openid-client refuses plain http unless told: the mock listens on http://127.0.0.1.
  return client.discovery(new URL(idp.issuer), clientCase.clientId, clientCase.secret, clientCase.auth(), {
    execute: [client.allowInsecureRequests],
  })
}

/** Builds the authorization URL with openid-client, logs alice in through the pages, returns the callback. */
async function authorize(config: client.Configuration, scope = 'openid profile email offline_access') {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  const callbackUrl = await authorizeAndLogin({
    baseUrl: idp.url,
    authorizationEndpoint: `${url.origin}${url.pathname}`,
    params: Object.fromEntries(url.searchParams),
    username: ALICE.username,
    password: ALICE.password,
  })
  return { callbackUrl: new URL(callbackUrl), codeVerifier, state, nonce }
}

interface LibraryError {
  error?: string
  code?: string
  message: string
  /** openid-client wraps oauth4webapi's error, which says what exactly was wrong. */
  cause?: { message?: string }
}

async function errorOf(action: () => Promise<unknown>): Promise<LibraryError> {
  try {
    await action()
  } catch (error) {
    return error as LibraryError
  }
  throw new Error('expected openid-client to throw, but it succeeded')
}

describe('openid-client interop', () => {
  it('discovers the mock with the metadata openid-client needs', async () => {
    const config = await discover(CASES[0]!)
    const metadata = config.serverMetadata()
    expect(metadata.issuer).toBe(idp.issuer)
    expect(metadata.authorization_endpoint).toBe(`${idp.issuer}/oauth/authorize`)
    expect(metadata.token_endpoint).toBe(`${idp.issuer}/auth/token`)
    expect(metadata.code_challenge_methods_supported).toContain('S256')
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true)
  })

  for (const clientCase of CASES) {
    it(`completes the whole flow with ${clientCase.name}: code, ID Token, UserInfo, refresh, introspection, revocation`, async () => {
      const config = await discover(clientCase)
      const { callbackUrl, codeVerifier, state, nonce } = await authorize(config)
      expect(callbackUrl.searchParams.get('iss')).toBe(idp.issuer)

      // authorizationCodeGrant checks state, RFC 9207 iss, then the ID Token's signature (JWKS),
      // iss, aud, exp/iat, nonce and azp before it returns.
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      })
      expect(tokens.token_type).toBe('bearer')
      expect(tokens.expires_in).toBe(599)
      expect(tokens.refresh_token).toEqual(expect.any(String))
      const claims = tokens.claims()!
      expect(claims).toMatchObject({ iss: idp.issuer, sub: ALICE.sub, aud: clientCase.clientId, nonce })

      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
      expect(userinfo).toMatchObject({ sub: ALICE.sub, name: 'Alice Liddell', email: 'alice@example.com' })

      const introspected = await client.tokenIntrospection(config, tokens.access_token)
      expect(introspected).toMatchObject({ active: true, client_id: clientCase.clientId, sub: ALICE.sub })

      // Refresh rotates the refresh token and issues a new ID Token for the same subject.
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!)
      expect(refreshed.access_token).not.toBe(tokens.access_token)
      expect(refreshed.refresh_token).toEqual(expect.any(String))
      expect(refreshed.refresh_token).not.toBe(tokens.refresh_token)
      if (refreshed.id_token !== undefined) expect(refreshed.claims()?.sub).toBe(ALICE.sub)
      expect(await client.fetchUserInfo(config, refreshed.access_token, ALICE.sub)).toMatchObject({ sub: ALICE.sub })

      // RFC 7009: revoking the refresh token ends it; a later refresh is refused.
      await client.tokenRevocation(config, refreshed.refresh_token!, { token_type_hint: 'refresh_token' })
      const refused = await errorOf(() => client.refreshTokenGrant(config, refreshed.refresh_token!))
      expect(refused.error).toBe('invalid_grant')
      const inactive = await client.tokenIntrospection(config, refreshed.refresh_token!)
      expect(inactive.active).toBe(false)
    })
  }

  it('refuses a callback whose state is not the one it sent', async () => {
    const config = await discover(CASES[0]!)
    const { callbackUrl, codeVerifier, nonce } = await authorize(config, 'openid')
    const error = await errorOf(() =>
      client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: client.randomState(),
        expectedNonce: nonce,
      }),
    )
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE')
    expect(error.cause?.message).toMatch(/"state"/)
  })

  it('refuses a callback whose iss is not the issuer it discovered (RFC 9207 mix-up defence)', async () => {
    const config = await discover(CASES[0]!)
    const { callbackUrl, codeVerifier, state, nonce } = await authorize(config, 'openid')
    callbackUrl.searchParams.set('iss', 'https://attacker.example')
    const error = await errorOf(() =>
      client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
      }),
    )
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE')
    expect(error.cause?.message).toBe('unexpected "iss" (issuer) response parameter value')
  })

  it('refuses a callback without iss although the mock advertises RFC 9207 support', async () => {
    const config = await discover(CASES[0]!)
    const { callbackUrl, codeVerifier, state, nonce } = await authorize(config, 'openid')
    callbackUrl.searchParams.delete('iss')
    const error = await errorOf(() =>
      client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: codeVerifier,
        expectedState: state,
        expectedNonce: nonce,
      }),
    )
    expect(error.code).toBe('OAUTH_INVALID_RESPONSE')
    expect(error.cause?.message).toBe('response parameter "iss" (issuer) missing')
  })

  it('is refused by the mock when it presents the wrong PKCE verifier', async () => {
    const config = await discover(CASES[2]!)
    const { callbackUrl, state, nonce } = await authorize(config, 'openid')
    const error = await errorOf(() =>
      client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: state,
        expectedNonce: nonce,
      }),
    )
    expect(error.error).toBe('invalid_grant')
  })
})
