/**
 * A real Chromium (Playwright) signs in through the mock IdP's pages over plain
 * http://127.0.0.1, using only the documented data-testid hooks. The redirect back to the client
 * is intercepted on the redirect_uri's origin, so it is captured and never loaded (redirect URIs
 * need not resolve).
 *
 * Why CDP's Fetch domain and not `page.route`: Playwright never calls route handlers for the
 * target of a redirect (by design, microsoft/playwright#2617, documented at page.route), and the
 * callback is always reached by a 302/303 from the IdP. A routed pattern is simply skipped and
 * Chromium tries the real http://localhost:3000. Fetch.requestPaused does fire for redirect hops.
 *
 * No browser is a setup failure, never a skip: every test fails saying how to install one.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type Browser, type BrowserContext, type CDPSession, chromium, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockIdp, serveMockIdp } from '../../mock-idp/server.js'
import { CHROMIUM_ARGS, requireChromium } from '../support/find-chromium.js'

const CLIENT = { id: 'codeflow-basic', secret: 'codeflow-basic-secret' }
const REDIRECT_URI = 'http://localhost:3000/callback'
const ALICE = { username: 'alice', password: 'wonderland' }
const SCREENSHOTS = join(process.cwd(), 'reports', 'runs', 'screenshots')

let idp: RunningMockIdp
let browser: Browser | undefined
let setupError: Error | undefined
const contexts: BrowserContext[] = []
/** The tabs the current test opened: every one of them is checked after the test. */
let tabs: Tab[] = []

beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
  try {
    browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
  } catch (error) {
    setupError = error as Error
  }
})

// Every page of every test: no console errors, nothing fetched from anywhere but the IdP.
afterEach(() => {
  const opened = tabs
  tabs = []
  for (const tab of opened) {
    expect(tab.consoleErrors, 'console errors').toEqual([])
    expectNoExternalRequests(tab)
  }
})

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
  await browser?.close()
  await idp?.close()
})

/** One browser tab with everything it did recorded: requests, console errors, captured callbacks. */
interface Tab {
  context: BrowserContext
  page: Page
  requests: string[]
  consoleErrors: string[]
  callbacks: string[]
  /**
   * Error pages are served with their 4xx status (RFC 6749 §4.1.2.1 says to inform the user, and
   * a 400 is the honest status), which Chromium logs as "Failed to load resource". A test that
   * opens one on purpose allows exactly that line for exactly that document.
   */
  expectedErrorDocuments: Array<{ url: string; status: number }>
}

async function openTab(context?: BrowserContext): Promise<Tab> {
  if (!browser) throw setupError ?? new Error('the browser did not start')
  const ctx = context ?? (await browser.newContext())
  if (!context) contexts.push(ctx)
  const tab: Tab = {
    context: ctx,
    page: await ctx.newPage(),
    requests: [],
    consoleErrors: [],
    callbacks: [],
    expectedErrorDocuments: [],
  }
  tabs.push(tab)
  await interceptClient(tab, await ctx.newCDPSession(tab.page))
  tab.page.on('request', (request) => tab.requests.push(request.url()))
  tab.page.on('console', (message) => {
    if (message.type() !== 'error') return
    const expected = tab.expectedErrorDocuments.some(
      ({ url, status }) =>
        message.location().url === url &&
        message.text().startsWith(`Failed to load resource: the server responded with a status of ${status} `),
    )
    if (!expected) tab.consoleErrors.push(`${message.text()} (${message.location().url})`)
  })
  tab.page.on('pageerror', (error) => tab.consoleErrors.push(error.message))
  return tab
}

/** The client's redirection endpoint: answered here, never loaded from the network. */
async function interceptClient(tab: Tab, cdp: CDPSession): Promise<void> {
  const origin = new URL(REDIRECT_URI).origin
  cdp.on('Fetch.requestPaused', (event) => {
    tab.callbacks.push(event.request.url)
    // The stand-in page declares an empty icon, so Chromium does not ask the client for one.
    const body = '<!doctype html><title>client</title><link rel="icon" href="data:,">'
    cdp
      .send('Fetch.fulfillRequest', {
        requestId: event.requestId,
        responseCode: 200,
        responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
        body: Buffer.from(body).toString('base64'),
      })
      .catch(() => {}) // the tab may already be closing
  })
  await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${origin}/*`, requestStage: 'Request' }] })
}

function authorizationUrl(params: Record<string, string> = {}): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    scope: 'openid profile email',
    state: 'browser-state',
    ...params,
  })
  return `${idp.issuer}/oauth/authorize?${query}`
}

async function logIn(page: Page, credentials = ALICE): Promise<void> {
  await page.getByTestId('login-username').fill(credentials.username)
  await page.getByTestId('login-password').fill(credentials.password)
  await page.getByTestId('login-submit').click()
}

/** Waits until the browser is sent to the client, and returns where. */
async function callback(tab: Tab): Promise<URL> {
  await tab.page.waitForURL((url) => url.href.startsWith(REDIRECT_URI))
  expect(tab.callbacks.at(-1)).toBe(tab.page.url())
  return new URL(tab.page.url())
}

/** Only the IdP itself and the intercepted redirect_uri: nothing external, nothing phoning home. */
function expectNoExternalRequests(tab: Tab): void {
  const foreign = tab.requests.filter((url) => new URL(url).origin !== idp.url && !tab.callbacks.includes(url))
  expect(foreign).toEqual([])
}

async function redeem(code: string): Promise<Response> {
  return fetch(`${idp.url}/auth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI }),
  })
}

describe('browser login', () => {
  it('logs in through the login and consent pages and returns code, state and iss to the client', async () => {
    const tab = await openTab()
    const state = 'st ü/?&=+%20'
    await tab.page.goto(authorizationUrl({ state }))
    await expect.poll(() => tab.page.getByTestId('login-page').isVisible()).toBe(true)
    expect(new URL(tab.page.url()).pathname).toBe('/login')
    await logIn(tab.page)
    await tab.page.getByTestId('consent-page').waitFor()
    const scopes = await tab.page
      .getByTestId('consent-scope')
      .evaluateAll((items) => items.map((item) => item.getAttribute('data-scope')))
    expect(scopes).toEqual(['openid', 'profile', 'email'])
    await tab.page.getByTestId('consent-approve').click()

    const url = await callback(tab)
    expect(url.origin + url.pathname).toBe(REDIRECT_URI)
    expect(url.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect(url.searchParams.get('state')).toBe(state)
    expect(url.searchParams.get('iss')).toBe(idp.issuer)
    expect((await redeem(url.searchParams.get('code')!)).status).toBe(200)
  })

  it('sets HttpOnly, SameSite=Lax cookies that work over plain http', async () => {
    const tab = await openTab()
    await tab.page.goto(authorizationUrl())
    await logIn(tab.page)
    await tab.page.getByTestId('consent-page').waitFor()
    const cookies = await tab.context.cookies(idp.url)
    const byName = new Map(cookies.map((cookie) => [cookie.name, cookie]))
    for (const name of ['codeflow_browser', 'codeflow_session']) {
      expect(byName.get(name), `cookie ${name}`).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false })
    }
    // The CSRF double submit needs the cookie back on each form post: had Chromium dropped it over
    // http, the login post would have shown the "cookies may be blocked" page, not the consent
    // page, and the consent post would not reach the client with a code.
    await tab.page.getByTestId('consent-approve').click()
    expect((await callback(tab)).searchParams.has('code')).toBe(true)
    // HttpOnly: the page's scripts cannot read them (checked on an error page of the IdP's origin).
    const errorPage = `${idp.url}/login?interaction=none`
    tab.expectedErrorDocuments.push({ url: errorPage, status: 400 })
    await tab.page.goto(errorPage)
    expect(await tab.page.evaluate(() => document.cookie)).toBe('')
  })

  it('shows an error after a wrong password and lets the user retry', async () => {
    const tab = await openTab()
    await tab.page.goto(authorizationUrl())
    await logIn(tab.page, { username: 'alice', password: 'not-wonderland' })
    const error = tab.page.getByTestId('login-error')
    await error.waitFor()
    expect(await error.textContent()).toContain('The username or password is incorrect')
    expect(await tab.page.getByTestId('login-username').inputValue()).toBe('alice')
    expect(await tab.page.getByTestId('login-password').inputValue()).toBe('')
    expect(await tab.page.content()).not.toContain('not-wonderland')

    await logIn(tab.page)
    await tab.page.getByTestId('consent-approve').click()
    const url = await callback(tab)
    expect(url.searchParams.get('code')).not.toBeNull()
    expect(url.searchParams.get('state')).toBe('browser-state')
  })

  it('sends access_denied with state and iss when the user denies consent', async () => {
    const tab = await openTab()
    await tab.page.goto(authorizationUrl({ state: 'deny-me' }))
    await logIn(tab.page)
    await tab.page.getByTestId('consent-deny').click()
    const url = await callback(tab)
    expect(url.searchParams.get('error')).toBe('access_denied')
    expect(url.searchParams.get('state')).toBe('deny-me')
    expect(url.searchParams.get('iss')).toBe(idp.issuer)
    expect(url.searchParams.has('code')).toBe(false)
  })

  it('sends access_denied with state and iss when the user cancels the login', async () => {
    const tab = await openTab()
    await tab.page.goto(authorizationUrl({ state: 'cancel-me' }))
    await tab.page.getByTestId('login-cancel').click()
    const url = await callback(tab)
    expect(url.searchParams.get('error')).toBe('access_denied')
    expect(url.searchParams.get('state')).toBe('cancel-me')
    expect(url.searchParams.get('iss')).toBe(idp.issuer)
  })

  it('reuses the session for a second authorization in the same browser, without a login page', async () => {
    const first = await openTab()
    await first.page.goto(authorizationUrl({ state: 'first' }))
    await logIn(first.page)
    await first.page.getByTestId('consent-approve').click()
    expect((await callback(first)).searchParams.get('state')).toBe('first')

    const second = await openTab(first.context)
    await second.page.goto(authorizationUrl({ state: 'second' }))
    const url = await callback(second)
    expect(url.searchParams.get('state')).toBe('second')
    expect(url.searchParams.get('code')).not.toBeNull()
    // Straight from the authorization endpoint to the client: neither page was shown.
    expect(second.requests.map((request) => new URL(request).pathname)).toEqual(['/oauth/authorize', '/callback'])
  })

  it('shows the login page again for prompt=login although the user has a session', async () => {
    const tab = await openTab()
    await tab.page.goto(authorizationUrl({ state: 'one' }))
    await logIn(tab.page)
    await tab.page.getByTestId('consent-approve').click()
    await callback(tab)

    await tab.page.goto(authorizationUrl({ state: 'two', prompt: 'login' }))
    await tab.page.getByTestId('login-page').waitFor()
    expect(new URL(tab.page.url()).pathname).toBe('/login')
    await logIn(tab.page)
    // Consent for these scopes was given in this session already: back to the client directly.
    const url = await callback(tab)
    expect(url.searchParams.get('state')).toBe('two')
    expect(url.searchParams.get('code')).not.toBeNull()
  })

  it('shows an error page, not a redirect, for an unregistered redirect_uri', async () => {
    const tab = await openTab()
    const url = authorizationUrl({ redirect_uri: 'http://localhost:3000/elsewhere' })
    tab.expectedErrorDocuments.push({ url, status: 400 })
    const response = await tab.page.goto(url)
    expect(response?.status()).toBe(400)
    expect(await tab.page.getByTestId('error-code').textContent()).toBe('invalid_request')
    expect(await tab.page.getByTestId('error-description').textContent()).toContain('http://localhost:3000/elsewhere')
    expect(tab.callbacks).toEqual([])
  })

  it('renders the login page without console errors and saves a screenshot of it', async () => {
    const tab = await openTab()
    await tab.page.setViewportSize({ width: 800, height: 700 })
    await tab.page.goto(authorizationUrl())
    await tab.page.getByTestId('login-page').waitFor()
    expect(await tab.page.title()).toBe('Sign in · Codeflow mock IdP')
    expect(await tab.page.getByTestId('login-username').evaluate((input) => input === document.activeElement)).toBe(
      true,
    )
    await mkdir(SCREENSHOTS, { recursive: true })
    await tab.page.screenshot({ path: join(SCREENSHOTS, 'login-page.png') })
    // Late requests too (a favicon the page did not declare would 404 and log an error).
    await tab.page.waitForLoadState('networkidle')
    expect(tab.consoleErrors).toEqual([])
    expectNoExternalRequests(tab)
  })
})
