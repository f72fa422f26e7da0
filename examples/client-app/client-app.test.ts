/**
 * Example: testing a web application that signs users in (app.ts, openid-client) against the mock
 * IdP — once on the happy path, then against three servers that get it wrong. Each failure test
 * checks the reason the app gives, so it fails both when the app accepts the bad response and
 * when it refuses it for some other reason.
 *
 * The "browser" is plain HTTP: a cookie jar plus fetch (`codeflow/testing`), which fills in the
 * mock's login form through its data-testid hooks.
 */
import { createServer } from 'node:net'
import * as cheerio from 'cheerio'
import { createMockIdp, type MockIdp } from 'codeflow'
import { Browser, runLoginFlow } from 'codeflow/testing'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningClientApp, startClientApp } from './app.js'

const CLIENT = { client_id: 'example-app', client_secret: 'example-app-secret-0123456789' }
const ALICE = { username: 'alice', password: 'wonderland' }

let idp: MockIdp
let app: RunningClientApp

beforeAll(async () => {
  // The app must know the issuer when it starts, and the mock must know the app's redirect URI
  // when it starts. As in real life, the app gets a fixed port: we pick a free one, register its
  // redirect URI with the mock, then start the app on that port with the mock's issuer.
  const port = await freePort()
  const redirectUri = `http://127.0.0.1:${port}/callback`
  idp = await createMockIdp({
    log: { level: 'silent' },
    clients: [{ ...CLIENT, redirect_uris: [redirectUri], skip_consent: true }],
  })
  app = await startClientApp({
    issuer: idp.issuer,
    clientId: CLIENT.client_id,
    clientSecret: CLIENT.client_secret,
    port,
  })
  expect(app.redirectUri).toBe(redirectUri)
})
// Forgets sessions, codes, recorded requests and any behaviour a test switched on.
afterEach(() => idp.reset())
afterAll(async () => {
  await app?.close()
  await idp?.close()
})

/**
 * Clicks "sign in" on the app and logs alice in at the mock, but stops at the redirect back to the
 * app's /callback and returns it, so a test can look at it (or tamper with it) before delivering it.
 */
async function signInUntilCallback(browser: Browser): Promise<URL> {
  const start = await browser.get(`${app.url}/login`)
  expect(start.status).toBe(302)
  const authorizationUrl = new URL(start.headers.get('location') ?? '')
  const { callbackUrl } = await runLoginFlow({
    baseUrl: idp.url,
    authorizationEndpoint: `${authorizationUrl.origin}${authorizationUrl.pathname}`,
    params: Object.fromEntries(authorizationUrl.searchParams),
    browser,
    ...ALICE,
  })
  expect(callbackUrl.startsWith(app.redirectUri)).toBe(true)
  return new URL(callbackUrl)
}

/**
 * Delivers the callback to the app, as the browser would after the IdP's redirect: its status, its
 * redirect, and the reason on its error page (the text of data-testid="sign-in-error", if any).
 */
async function deliver(browser: Browser, callbackUrl: URL) {
  const response = await browser.get(callbackUrl.href)
  const error = cheerio.load(await response.text())('[data-testid="sign-in-error"]')
  return {
    status: response.status,
    location: response.headers.get('location'),
    error: error.length > 0 ? error.text() : undefined,
  }
}

/** What the app's home page says to this browser. */
async function home(browser: Browser): Promise<string> {
  return (await browser.get(`${app.url}/`)).text()
}

describe('example client app (openid-client) against the mock IdP', () => {
  it('signs alice in, sending PKCE S256, state and nonce, with the client secret redacted in what the mock recorded', async () => {
    const browser = new Browser()
    expect(await home(browser)).toContain('Not signed in')

    const callback = await deliver(browser, await signInUntilCallback(browser))
    expect(callback.status).toBe(302)
    expect(callback.location).toBe('/')
    expect(callback.error).toBeUndefined()
    expect(await home(browser)).toContain('Signed in as Alice Liddell')

    // What the app sent, as the mock recorded it.
    const [authorize] = idp.requests({ endpoint: 'authorization' })
    const sent = Object.fromEntries(authorize!.params)
    expect(sent).toMatchObject({ client_id: 'example-app', response_type: 'code', redirect_uri: app.redirectUri })
    expect(sent.code_challenge_method).toBe('S256')
    expect(sent.code_challenge).toMatch(/^[\w-]{43}$/)
    expect(sent.state).toEqual(expect.any(String))
    expect(sent.nonce).toEqual(expect.any(String))
    const [token] = idp.requests({ endpoint: 'token' })
    expect(token!.status).toBe(200)
    expect(token!.headers.authorization).toBe('Basic [REDACTED]') // client_secret_basic, redacted by default
  })

  it('refuses a callback whose state was tampered with (RFC 6749 §10.12), without redeeming the code', async () => {
    const browser = new Browser()
    const callbackUrl = await signInUntilCallback(browser)
    callbackUrl.searchParams.set('state', 'forged-by-an-attacker')

    const callback = await deliver(browser, callbackUrl)
    expect(callback.status).toBe(400)
    expect(callback.error).toBe('Sign-in failed: unexpected "state" response parameter value (OAUTH_INVALID_RESPONSE)')
    expect(idp.requests({ endpoint: 'token' })).toEqual([])
    expect(await home(browser)).toContain('Not signed in')
  })

  it('refuses an authorization response from the wrong issuer (behaviour iss-wrong, RFC 9207 §2.4)', async () => {
    // Without an endpoint, a behaviour applies to the next sign-in flow: its authorization request,
    // its pages, and the authorization response that comes back to the app.
    idp.use({ behaviour: 'iss-wrong' })
    const browser = new Browser()
    const callbackUrl = await signInUntilCallback(browser)
    expect(callbackUrl.searchParams.get('iss')).toBe('https://attacker.example/') // the behaviour is on

    const callback = await deliver(browser, callbackUrl)
    expect(callback.status).toBe(400)
    expect(callback.error).toBe(
      'Sign-in failed: unexpected "iss" (issuer) response parameter value (OAUTH_INVALID_RESPONSE)',
    )
    expect(idp.requests({ endpoint: 'token' })).toEqual([]) // the code never left the app
    expect(await home(browser)).toContain('Not signed in')
  })

  it('refuses an expired ID token (behaviour id-token-expired, OIDC Core §3.1.3.7)', async () => {
    idp.use({ behaviour: 'id-token-expired', endpoint: 'token' })
    const browser = new Browser()
    const callback = await deliver(browser, await signInUntilCallback(browser))
    expect(callback.status).toBe(400)
    expect(callback.error).toBe(
      'Sign-in failed: unexpected JWT "exp" (expiration time) claim value, expiration is past current timestamp (OAUTH_JWT_TIMESTAMP_CHECK_FAILED)',
    )
    expect(idp.requests({ endpoint: 'token' })).toHaveLength(1) // the token response came, and was refused
    expect(await home(browser)).toContain('Not signed in')
  })
})

/** A port nothing listens on right now, for the app to listen on. */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}
