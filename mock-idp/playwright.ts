/**
 * `codeflow/playwright`: a Playwright Test fixture that gives each test its own mock IdP, and
 * helpers to sign in through its real login and consent pages or to skip them.
 *
 *   import { test, expect } from 'codeflow/playwright'        // or mockIdpTest({ clients: [...] })
 *   test('signs in', async ({ page, idp, signIn }) => {
 *     await page.goto(myApp)                                   // the app's "Sign in" leads to idp.issuer
 *     await page.getByRole('link', { name: 'Sign in' }).click()
 *     await signIn.throughPages(page, { username: 'bob', password: 'builder' })
 *     // …or, before the click, signIn.skipPages('bob'): no login page for the next authorization
 *   })
 *
 * Two ways for the browser to reach the mock:
 *
 * - On its port (the default): `idp.issuer` is http://127.0.0.1:<port>, a real server the
 *   browser talks to. Nothing to set up.
 * - At a fixed issuer such as https://idp.example.test, with no server the browser can reach:
 *   `serveIdpThroughRoute(page, idp)` answers every request to that origin from the mock's
 *   web-standard app inside the test process (create the mock with `issuer` set to that URL).
 *   This is Playwright's `page.route`, not msw (`codeflow/msw`): msw intercepts requests made by
 *   code it patched (Node's fetch, or a page's fetch through a service worker), never a browser's
 *   top-level navigation, and signing in is nothing but navigations and form posts.
 *
 * One limit of `page.route` shapes `serveIdpThroughRoute`: Playwright never calls a route handler
 * for the target of a redirect (microsoft/playwright#2617, documented at page.route). The mock
 * answers with redirects (to its login page, then back to the client), so a routed redirect is
 * turned into a navigation: a tiny page whose `<meta http-equiv="refresh">` sends the browser on
 * with GET, as the mock's 302/303 would. The next hop is a fresh navigation, which routes see: the
 * login page, and the client's redirect_uri, which the test can route too to capture code, state
 * and iss. The same limit applies to your app: if its server answers "Sign in" with a redirect to
 * the authorization endpoint, that redirect is not routed; reach the IdP by a link, a form, or
 * `location.assign`, or run the mock on its port.
 *
 * @playwright/test is an optional peer dependency: install it next to codeflow to use this entry point.
 */
import { type BrowserContext, test as base, type Page, type Route } from '@playwright/test'
import type { MockIdpConfigInput } from './config/schema.js'
import { mountAtIssuer } from './http/app.js'
import { type CreateMockIdpOptions, createMockIdp, type MockIdp } from './index.js'

export { expect } from '@playwright/test'

export interface ThroughPagesOptions {
  /** Typed on the login page; default alice (password wonderland). */
  username?: string
  /** Default: the password of the default user `username` names (alice/wonderland, bob/builder). */
  password?: string
  /** What to press on the consent page, if it shows; default approve. */
  consent?: 'approve' | 'deny'
  /** How long to wait for each page, and for the browser to leave the IdP; default 15 s. */
  timeout?: number
}

export interface SignIn {
  /**
   * Plays the user on the IdP's real pages, in the browser, once the page is on its way to the
   * authorization endpoint (after your app's "Sign in" click): fills and submits the login page
   * if it shows, approves (or denies) the consent page if it shows, and resolves with the URL the
   * browser lands on once it has left the IdP (your redirect_uri, or wherever your app sends it
   * next). Throws with the page's message if the IdP shows an error page or refuses the password.
   */
  throughPages(page: Page, options?: ThroughPagesOptions): Promise<URL>
  /**
   * The next authorization request signs `username` in without the login page
   * (`idp.use({ login: username })`). Consent works as configured: a client with
   * `skip_consent: true` goes straight back to its redirect_uri; otherwise the consent page
   * still shows (answer it with `throughPages(page)`, which then finds no login page).
   */
  skipPages(username: string): void
}

export interface MockIdpFixtures {
  /** A mock IdP for this test only (its own port, issuer unless fixed, sessions and overrides), closed after it. */
  idp: MockIdp
  /** Sign in through the mock's pages, or skip them. */
  signIn: SignIn
}

/** The default users' passwords (docs/mock-idp.md "Clients and users out of the box"), so `throughPages` needs only a username. */
const DEV_PASSWORDS: Record<string, string> = { alice: 'wonderland', bob: 'builder' }

/**
 * Playwright's `test`, extended with `idp` and `signIn`. `config` (quiet logging by default) may
 * be a function, called for each test: for values known only once the test runs, such as the
 * redirect URI of a client app started in `beforeAll` on a free port.
 */
export function mockIdpTest(
  config: MockIdpConfigInput | (() => MockIdpConfigInput) = {},
  options: CreateMockIdpOptions = {},
) {
  return base.extend<MockIdpFixtures>({
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture needs from this pattern.
    idp: async ({}, use) => {
      const input = typeof config === 'function' ? config() : config
      const idp = await createMockIdp({ log: { level: 'silent' }, ...input }, options)
      try {
        await use(idp)
      } finally {
        await idp.close()
      }
    },
    signIn: async ({ idp }, use) => {
      await use(signInHelpers(idp))
    },
  })
}

/** `mockIdpTest()` with the default config (the dev clients and users of docs/mock-idp.md). */
export const test = mockIdpTest()

export function signInHelpers(idp: MockIdp): SignIn {
  return {
    throughPages: (page, options) => throughPages(page, idp.issuer, options),
    skipPages: (username) => idp.use({ login: username }),
  }
}

type Where = 'left' | 'login' | 'login-error' | 'consent' | 'error-page' | 'pending'

async function throughPages(page: Page, issuer: string, options: ThroughPagesOptions = {}): Promise<URL> {
  const { username = 'alice', consent = 'approve', timeout = 15_000 } = options
  const password = options.password ?? DEV_PASSWORDS[username]
  const base = `${issuer.replace(/\/$/, '')}/`
  const onIdp = (url: string) => url.startsWith(base)
  // First the IdP: called right after the app's "Sign in" click, the navigation may not have committed yet.
  await page
    .waitForURL((url) => onIdp(url.href), { waitUntil: 'commit', timeout })
    .catch(() => {
      throw new Error(
        `the browser never reached the IdP at ${issuer} (it is on ${page.url()}). Call throughPages after the click that starts sign-in; when no page shows (skipPages with a skip_consent client), wait for your redirect_uri instead.`,
      )
    })
  let deadline = Date.now() + timeout
  // Then each page it shows, once, until the browser leaves the IdP.
  for (;;) {
    const where = await locate(page, onIdp)
    if (where === 'left') return new URL(page.url())
    if (where === 'error-page') throw new Error(`the IdP showed an error page: ${await errorText(page)}`)
    if (where === 'login-error') {
      const message = (await page.getByTestId('login-error').textContent())?.trim()
      throw new Error(`the login page refused "${username}": ${message}`)
    }
    if (where === 'login') {
      if (password === undefined) throw new Error(`no password for "${username}": pass { password } to throughPages`)
      await page.locator('input[name=username]').fill(username)
      await page.locator('input[name=password]').fill(password)
      await submit(page, page.getByTestId('login-submit'), timeout)
      deadline = Date.now() + timeout
      continue
    }
    if (where === 'consent') {
      await submit(page, page.getByTestId(consent === 'approve' ? 'consent-approve' : 'consent-deny'), timeout)
      deadline = Date.now() + timeout
      continue
    }
    // On the IdP, but not on a page we know yet: a redirect under way, a page still loading.
    if (Date.now() > deadline) {
      throw new Error(
        `the browser stayed on ${page.url()} for ${timeout} ms: no login or consent page, and it did not leave the IdP`,
      )
    }
    await page.waitForTimeout(50)
  }
}

async function locate(page: Page, onIdp: (url: string) => boolean): Promise<Where> {
  if (!onIdp(page.url())) return 'left'
  // A document being replaced may vanish between checks: a failed check means "not yet".
  const visible = (testId: string) =>
    page
      .getByTestId(testId)
      .isVisible()
      .catch(() => false)
  if (await visible('error-page')) return 'error-page'
  if (await visible('login-error')) return 'login-error'
  if (await visible('login-form')) return 'login'
  if (await visible('consent-form')) return 'consent'
  return 'pending'
}

/** Clicks a submit button and waits until the form's document has been replaced. */
async function submit(page: Page, button: ReturnType<Page['getByTestId']>, timeout: number): Promise<void> {
  const replaced = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout })
  replaced.catch(() => {}) // awaited below; a failed click must not leave it unhandled
  await button.click({ timeout })
  await replaced
}

async function errorText(page: Page): Promise<string> {
  const code = await page
    .getByTestId('error-code')
    .textContent({ timeout: 1000 })
    .then((text) => text?.trim() ?? '?')
    .catch(() => '?')
  const description = await page
    .getByTestId('error-description')
    .textContent({ timeout: 1000 })
    .then((text) => text?.trim() ?? '')
    .catch(() => '')
  return `${code}${description ? `: ${description}` : ''}`
}

/**
 * Serves the mock at `issuer` (by default `idp.issuer`; create the mock with
 * `issuer: 'https://idp.example.test'`) through `page.route` (or `context.route`): every request
 * the browser makes to that origin is answered by `idp.running.app()`, in this process, with no
 * port or DNS involved. Redirects of navigations become meta-refresh pages (see the module
 * comment). Returns a function that removes the route.
 */
export async function serveIdpThroughRoute(
  target: Page | BrowserContext,
  idp: MockIdp,
  issuer: string = idp.issuer,
): Promise<() => Promise<void>> {
  if (issuer.replace(/\/$/, '') !== idp.issuer.replace(/\/$/, '')) {
    throw new Error(
      `serveIdpThroughRoute: the mock's issuer is ${idp.issuer}, not ${issuer}; create it with { issuer: '${issuer}' } so its pages and redirects point there`,
    )
  }
  const url = new URL(issuer)
  const app = mountAtIssuer(issuer, await idp.running.app())
  const pattern = `${url.origin}/**`
  const handler = async (route: Route) => {
    const request = route.request()
    const method = request.method()
    // allHeaders(), not headers(): it includes Cookie, which the login and consent forms need.
    const headers = Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(':'))
    const body = method === 'GET' || method === 'HEAD' ? undefined : postData(request.postDataBuffer())
    const response = await app.fetch(new Request(request.url(), { method, headers, body }))
    if (response.type === 'error') return route.abort('connectionreset') // a `drop` override
    const fulfilled = responseHeaders(response)
    const location = response.headers.get('location')
    if (location !== null && response.status >= 300 && response.status < 400 && request.isNavigationRequest()) {
      // Playwright would not route the redirect's target: navigate there instead (module comment).
      delete fulfilled.location
      delete fulfilled['content-length']
      delete fulfilled['content-security-policy']
      return route.fulfill({
        status: 200,
        headers: { ...fulfilled, 'content-type': 'text/html; charset=utf-8' },
        body: redirectPage(new URL(location, request.url()).href, response.status),
      })
    }
    return route.fulfill({
      status: response.status,
      headers: fulfilled,
      body: Buffer.from(await response.arrayBuffer()),
    })
  }
  await target.route(pattern, handler)
  return () => target.unroute(pattern, handler)
}

/** A copy as a plain Uint8Array: what `Request` takes as a body. */
function postData(buffer: Buffer | null): Uint8Array<ArrayBuffer> | undefined {
  return buffer === null ? undefined : new Uint8Array(buffer)
}

/** The response's headers for `route.fulfill`, with every Set-Cookie kept (Playwright splits them on "\n"). */
function responseHeaders(response: Response): Record<string, string> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length > 0) headers['set-cookie'] = cookies.join('\n')
  return headers
}

function redirectPage(location: string, status: number): string {
  const href = location.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><title>Redirecting</title><p data-testid="route-redirect" data-status="${status}">Redirecting to <a href="${href}">${href}</a></p>`
}
