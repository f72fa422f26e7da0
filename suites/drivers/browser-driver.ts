// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * The `browser` login driver: Playwright with a real Chromium (suites/drivers/find-chromium.ts),
 * for login pages that need JavaScript. It runs the target's `login.steps` (goto / fill / click /
 * wait, with `${username}` and `${password}` replaced), submits the consent form, and stops at the
 * request that goes back to the client — answered in the browser, never sent (redirect URIs need
 * not resolve).
 *
 * Why the CDP Fetch domain and not `page.route`: Playwright does not call route handlers for the
 * target of a redirect (microsoft/playwright#2617, documented at page.route), and the callback
 * is always reached by a 302/303 from the server. Fetch.requestPaused fires for redirect hops.
 *
 * Every document navigation is recorded as an Exchange through the run's HttpClient (so it is
 * redacted like any other). One browser context per cookie jar: a check that reuses a jar reuses
 * the browser session.
 */
import type { Browser, BrowserContext, CDPSession, Page, Request } from 'playwright-core'
import type { CookieJar } from 'tough-cookie'
import { DriveError } from '../harness/evidence.js'
import type { Exchange } from '../harness/exchange.js'
import type { HttpClient } from '../harness/http-client.js'
import type { TargetFile } from '../harness/target.js'
import { isClientUri, readCallback } from './callback.js'
import type { AuthorizeInput, AuthorizeResult, LoginDriver } from './driver.js'
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js'

type BrowserSettings = Extract<TargetFile['login'], { driver: 'browser' }>
type Step = BrowserSettings['steps'][number]

/** A page of ours, shown where the client would be: empty icon, so nothing else is fetched. */
const CLIENT_PAGE = '<!doctype html><title>client</title><link rel="icon" href="data:,">'
const MAX_ROUNDS = 8

interface Captured {
  url: string
  method: string
  postData?: string
}

export class BrowserDriver implements LoginDriver {
  readonly name = 'browser'
  readonly #contexts = new WeakMap<CookieJar, BrowserContext>()
  readonly #open = new Set<BrowserContext>()

  private constructor(
    private readonly http: HttpClient,
    private readonly settings: BrowserSettings,
    private readonly browser: Browser,
    private readonly timeoutMs: number,
  ) {}

  static async launch(http: HttpClient, settings: BrowserSettings, timeoutMs = 10_000): Promise<BrowserDriver> {
    const found = findChromium()
    if (!found) {
      throw new DriveError(
        'the browser login driver needs Chromium: install it (`apt-get install -y chromium`, or `npx playwright install chromium`) or set CODEFLOW_CHROMIUM to its path',
      )
    }
    const { chromium } = await import('playwright-core')
    try {
      const browser = await chromium.launch({
        executablePath: found.path,
        args: CHROMIUM_ARGS,
        headless: settings.headless,
      })
      return new BrowserDriver(http, settings, browser, timeoutMs)
    } catch (error) {
      throw new DriveError(
        `the browser login driver could not start Chromium at ${found.path} (from ${found.source}): ${(error as Error).message.split('\n')[0]}`,
      )
    }
  }

  async close(): Promise<void> {
    for (const context of this.#open) await context.close().catch(() => {})
    await this.browser.close().catch(() => {})
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const context = await this.#contextFor(input.jar)
    // The jar is the session's source of truth between flows (gatherers also use it over HTTP,
    // e.g. to log out); the browser context is, during one.
    await jarToContext(input.jar, context)
    const page = await context.newPage()
    page.setDefaultTimeout(this.timeoutMs)
    const exchanges: Exchange[] = []
    const recording = this.#record(page, input, exchanges)
    let captured: Captured | undefined
    let redirectStatus: number | undefined
    let callbackSeen!: () => void
    const callback = new Promise<void>((resolve) => {
      callbackSeen = resolve
    })
    await this.#intercept(page, input.clientUris, (request) => {
      captured = request
      callbackSeen()
    })
    page.on('response', (response) => {
      const location = response.headers().location
      if (response.status() >= 300 && response.status() < 400 && location) {
        if (isClientUri(new URL(location, response.url()).toString(), input.clientUris))
          redirectStatus = response.status()
      }
    })

    let sawLogin = false
    let sawConsent = false
    let wrongPasswordPending = input.wrongPasswordFirst ?? false
    try {
      await this.#settle(page, callback, () => this.#start(page, input))
      for (let round = 0; round < MAX_ROUNDS && !captured; round++) {
        if (await this.#isLoginPage(page)) {
          sawLogin = true
          if (input.decision === 'cancel') {
            const cancel = this.settings.cancel
            if (!cancel)
              throw new DriveError('the target file has no "login.cancel" selector, so the login cannot be cancelled')
            await this.#settle(page, callback, () => page.locator(cancel).first().click())
            continue
          }
          const password = wrongPasswordPending ? `${input.user.password}-wrong` : input.user.password
          wrongPasswordPending = false
          await this.#settle(page, callback, () => this.#runSteps(page, { username: input.user.username, password }))
          continue
        }
        const consent = this.settings.consent
        if (consent && (await page.locator(consent.form).count()) > 0) {
          sawConsent = true
          const button = input.decision === 'deny' ? consent.deny : consent.submit
          if (!button)
            throw new DriveError('the target file has no "login.consent.deny" selector, so consent cannot be denied')
          await this.#settle(page, callback, () => page.locator(consent.form).locator(button).first().click())
          continue
        }
        break
      }
      await recording.flush()
      if (captured) {
        const found = captured as Captured
        if (found.method === 'POST') {
          const allParams = [...new URLSearchParams(found.postData ?? '')] as Array<[string, string]>
          return {
            kind: 'callback',
            url: found.url,
            mode: 'form_post',
            params: Object.fromEntries(allParams),
            allParams,
            sawLogin,
            sawConsent,
            exchanges,
          }
        }
        return {
          ...readCallback(found.url, 'redirect'),
          ...(redirectStatus === undefined ? {} : { redirectStatus }),
          sawLogin,
          sawConsent,
          exchanges,
        }
      }
      return {
        kind: 'page',
        status: recording.lastStatus() ?? 0,
        url: page.url(),
        html: await page.content(),
        sawLogin,
        exchanges,
      }
    } catch (error) {
      if (error instanceof DriveError) throw error
      throw new DriveError(`the browser driver failed at ${page.url()}: ${(error as Error).message.split('\n')[0]}`)
    } finally {
      await page.close().catch(() => {})
      await contextToJar(context, input.jar)
    }
  }

  async #contextFor(jar: CookieJar): Promise<BrowserContext> {
    let context = this.#contexts.get(jar)
    if (!context) {
      context = await this.browser.newContext({
        ignoreHTTPSErrors: false,
        // The target file's `headers` go with the browser's requests too.
        extraHTTPHeaders: this.http.defaultHeaders,
      })
      this.#contexts.set(jar, context)
      this.#open.add(context)
    }
    return context
  }

  /** The client's redirection endpoints are answered here; everything else goes to the network. */
  async #intercept(page: Page, clientUris: string[], onCallback: (captured: Captured) => void): Promise<void> {
    const cdp: CDPSession = await page.context().newCDPSession(page)
    const origins = [...new Set(clientUris.flatMap((uri) => (URL.canParse(uri) ? [new URL(uri).origin] : [])))]
    cdp.on('Fetch.requestPaused', (event) => {
      const { url, method, postData } = event.request
      if (isClientUri(url, clientUris)) {
        onCallback({ url, method, ...(postData === undefined ? {} : { postData }) })
        cdp
          .send('Fetch.fulfillRequest', {
            requestId: event.requestId,
            responseCode: 200,
            responseHeaders: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
            body: Buffer.from(CLIENT_PAGE).toString('base64'),
          })
          .catch(() => {})
      } else {
        cdp.send('Fetch.continueRequest', { requestId: event.requestId }).catch(() => {})
      }
    })
    await cdp.send('Fetch.enable', {
      patterns: origins.map((origin) => ({ urlPattern: `${origin}/*`, requestStage: 'Request' as const })),
    })
  }

  async #start(page: Page, input: AuthorizeInput): Promise<void> {
    if (input.method === 'POST') {
      // A POST authorization request (OIDC Core §3.1.2.1): an auto-submitted form, as a client page would send it.
      const fields = Object.entries(input.form ?? {})
        .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
        .join('')
      await page.setContent(`<form method="post" action="${escapeHtml(input.url)}">${fields}</form>`)
      // The blank page is already loaded: wait for the form's navigation itself, not the load state.
      await Promise.all([
        page.waitForURL((url) => url.href !== 'about:blank', { waitUntil: 'commit' }),
        page.locator('form').evaluate((form: HTMLFormElement) => form.submit()),
      ])
      return
    }
    await page.goto(input.url, { waitUntil: 'load' }).catch((error: Error) => {
      // The navigation ends at the intercepted client page, or is aborted by it: not an error.
      if (!/ERR_ABORTED|interrupted/.test(error.message)) throw error
    })
  }

  /** Runs an action, then waits for the page to load or the callback to be captured, whichever comes first. */
  async #settle(page: Page, callback: Promise<void>, action: () => Promise<unknown>): Promise<void> {
    await action()
    await Promise.race([callback, page.waitForLoadState('load').catch(() => {})])
  }

  async #isLoginPage(page: Page): Promise<boolean> {
    const first = this.settings.steps.find((step) => step.fill ?? step.click ?? step.wait)
    const selector = first?.fill ?? first?.click ?? first?.wait
    return selector !== undefined && (await page.locator(selector).count()) > 0
  }

  async #runSteps(page: Page, values: { username: string; password: string }): Promise<void> {
    const substitute = (text: string) =>
      text.replaceAll('${username}', values.username).replaceAll('${password}', values.password)
    for (const step of this.settings.steps) await runStep(page, step, substitute)
  }

  /** Records every document request (redirect hops included) as an Exchange, redacted by the HttpClient. */
  #record(
    page: Page,
    input: AuthorizeInput,
    exchanges: Exchange[],
  ): { flush: () => Promise<void>; lastStatus: () => number | undefined } {
    const pending: Array<Promise<void>> = []
    let lastStatus: number | undefined
    const started = new Map<Request, number>()
    page.on('request', (request) => {
      if (request.resourceType() === 'document') started.set(request, performance.now())
    })
    const record = async (request: Request, failed: boolean) => {
      if (request.resourceType() !== 'document' || isClientUri(request.url(), input.clientUris)) return
      const response = failed ? null : await request.response().catch(() => null)
      const status = response?.status()
      let body = ''
      if (response && status !== undefined && (status < 300 || status >= 400))
        body = await response.text().catch(() => '')
      if (status !== undefined) lastStatus = status
      const postData = request.postData()
      const exchange = this.http.record({
        label: `${input.label}: browser ${request.method()} ${new URL(request.url()).pathname}`,
        request: {
          method: request.method(),
          url: request.url(),
          headers: await request.allHeaders().catch(() => request.headers()),
          ...(postData === null ? {} : { body: postData }),
        },
        ...(response
          ? { response: { status: response.status(), headers: await response.allHeaders().catch(() => ({})), body } }
          : { error: request.failure()?.errorText ?? 'failed' }),
        durationMs: performance.now() - (started.get(request) ?? performance.now()),
      })
      exchanges.push(exchange)
    }
    page.on('requestfinished', (request) => pending.push(record(request, false)))
    page.on('requestfailed', (request) => pending.push(record(request, true)))
    return {
      flush: async () => {
        await Promise.all(pending)
        exchanges.sort((a, b) => a.id - b.id)
      },
      lastStatus: () => lastStatus,
    }
  }
}

async function jarToContext(jar: CookieJar, context: BrowserContext): Promise<void> {
  const cookies = await jar.store.getAllCookies()
  await context.clearCookies()
  if (cookies.length === 0) return
  await context.addCookies(
    cookies.map((cookie) => {
      const expiry = cookie.expiryTime()
      return {
        name: cookie.key,
        value: cookie.value,
        ...(cookie.hostOnly
          ? { url: `${cookie.secure ? 'https' : 'http'}://${cookie.domain}${cookie.path ?? '/'}` }
          : { domain: `.${cookie.domain}`, path: cookie.path ?? '/' }),
        expires: expiry === undefined || !Number.isFinite(expiry) ? -1 : expiry / 1000,
        httpOnly: cookie.httpOnly,
        secure: cookie.secure,
        sameSite: cookie.sameSite === 'strict' ? 'Strict' : cookie.sameSite === 'none' ? 'None' : 'Lax',
      }
    }),
  )
}

async function contextToJar(context: BrowserContext, jar: CookieJar): Promise<void> {
  const cookies = await context.cookies().catch(() => undefined)
  if (!cookies) return
  await jar.removeAllCookies()
  for (const cookie of cookies) {
    const host = cookie.domain.replace(/^\./, '')
    const attributes = [
      `${cookie.name}=${cookie.value}`,
      `Path=${cookie.path}`,
      ...(cookie.domain.startsWith('.') ? [`Domain=${host}`] : []),
      ...(cookie.expires > 0 ? [`Expires=${new Date(cookie.expires * 1000).toUTCString()}`] : []),
      ...(cookie.httpOnly ? ['HttpOnly'] : []),
      ...(cookie.secure ? ['Secure'] : []),
      `SameSite=${cookie.sameSite}`,
    ]
    await jar.setCookie(attributes.join('; '), `${cookie.secure ? 'https' : 'http'}://${host}${cookie.path}`, {
      ignoreError: true,
    })
  }
}

async function runStep(page: Page, step: Step, substitute: (text: string) => string): Promise<void> {
  if (step.goto !== undefined) await page.goto(new URL(substitute(step.goto), page.url()).toString())
  if (step.fill !== undefined)
    await page
      .locator(step.fill)
      .first()
      .fill(substitute(step.value ?? ''))
  if (step.click !== undefined) await page.locator(step.click).first().click()
  if (step.wait !== undefined) await page.locator(step.wait).first().waitFor()
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )
}
