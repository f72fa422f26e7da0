/**
 * The `browser` sign-in driver, for single-page apps: Chromium (suites/drivers/find-chromium.ts)
 * through playwright-core, a fresh browser context (cookies, storage) per sign-in. By default it
 * opens `signIn.start`, completes the mock's login and consent pages through their data-testid
 * hooks, and, once back at the app, waits until the network is idle and returns the page. With
 * `signIn.script`, the partner's module drives the page instead:
 *
 *   export default async ({ page, start, user, completeMockPages }) => { … }  // then the page is read
 */
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import type { Exchange } from '../../reports/run-result.js'
import { CHROMIUM_ARGS, findChromium } from '../../suites/drivers/find-chromium.js'
import { redactedExchange } from './redacted-exchange.js'
import {
  MAX_PAGE_CHARS,
  type SignInContext,
  type SignInDriver,
  SignInError,
  type SignInResult,
} from './sign-in-driver.js'

export interface BrowserScriptInput {
  page: Page
  start: string
  user: { username: string; password: string }
  /** Fills in the mock's login and consent pages until the browser is back at the app. */
  completeMockPages: () => Promise<void>
}
export type BrowserScript = (input: BrowserScriptInput) => Promise<void>

const MAX_PAGES = 10

export async function browserDriver(scriptFile: string | undefined, timeoutMs: number): Promise<SignInDriver> {
  const found = findChromium()
  if (!found)
    throw new SignInError(
      'the browser sign-in driver needs Chromium: install it (`apt-get install -y chromium`) or set CODEFLOW_CHROMIUM to its path',
    )
  let script: BrowserScript | undefined
  if (scriptFile !== undefined) {
    const loaded = (await import(pathToFileURL(scriptFile).href)) as { default?: unknown }
    if (typeof loaded.default !== 'function')
      throw new SignInError(`signIn.script "${scriptFile}": its default export is not a function`)
    script = loaded.default as BrowserScript
  }
  const { chromium } = await import('playwright-core')
  let browser: Browser
  try {
    browser = await chromium.launch({
      executablePath: found.path,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 30_000,
    })
  } catch (error) {
    throw new SignInError(`could not start Chromium at ${found.path}: ${(error as Error).message.split('\n')[0]}`)
  }
  return {
    signIn: (context) => signInWithBrowser(browser, script, context, timeoutMs),
    close: () => browser.close(),
  }
}

async function signInWithBrowser(
  browser: Browser,
  script: BrowserScript | undefined,
  context: SignInContext,
  timeoutMs: number,
): Promise<SignInResult> {
  const browserContext = await browser.newContext()
  browserContext.setDefaultTimeout(timeoutMs)
  const exchanges: Exchange[] = []
  const urls: string[] = []
  const page = await browserContext.newPage()
  let lastStatus = 0
  page.on('response', (response) => {
    const request = response.request()
    urls.push(request.url())
    if (request.frame() === page.mainFrame() && request.isNavigationRequest()) lastStatus = response.status()
    if (exchanges.length < 50 && ['document', 'fetch', 'xhr'].includes(request.resourceType()))
      exchanges.push(
        redactedExchange({
          id: exchanges.length + 1,
          label: `${request.resourceType()} ${request.method()}`,
          method: request.method(),
          url: request.url(),
          requestHeaders: request.headers(),
          status: response.status(),
          durationMs: 0,
        }),
      )
  })
  const abort = () => void browserContext.close().catch(() => {})
  context.signal.addEventListener('abort', abort, { once: true })
  try {
    const atMock = () => page.url().startsWith(context.issuer)
    const completeMockPages = async () => {
      for (let step = 0; step < MAX_PAGES; step++) {
        await page.waitForLoadState('load')
        if (!atMock()) return
        const login = page.locator('[data-testid="login-form"]')
        const consent = page.locator('[data-testid="consent-form"]')
        if ((await page.locator('[data-testid="error-page"]').count()) > 0) return
        if (await login.count()) {
          if ((await page.locator('[data-testid="login-error"]').count()) > 0)
            throw new SignInError(`the mock refused the login of "${context.user.username}"`, exchanges)
          const username = page.locator('[data-testid="login-username"]')
          if (await username.count()) await username.fill(context.user.username)
          const password = page.locator('[data-testid="login-password"]')
          if (await password.count()) await password.fill(context.user.password)
          const next = page.locator('[data-testid="login-submit"], [data-testid="login-next"]').first()
          await Promise.all([page.waitForEvent('framenavigated'), next.click()])
        } else if (await consent.count()) {
          await Promise.all([
            page.waitForEvent('framenavigated'),
            page.locator('[data-testid="consent-approve"]').click(),
          ])
        } else {
          await page.waitForURL((url) => !url.href.startsWith(context.issuer))
        }
      }
    }
    if (script) {
      await script({ page, start: context.start, user: context.user, completeMockPages })
    } else {
      await page.goto(context.start)
      await page
        .waitForURL((url) => url.href.startsWith(context.issuer) || url.href !== context.start, {})
        .catch(() => {})
      await completeMockPages()
    }
    // Back at the app: a single-page app finishes the code exchange in scripts; wait until the network rests.
    await page.waitForLoadState('networkidle')
    const body = (await page.content()).slice(0, MAX_PAGE_CHARS)
    return { page: { status: lastStatus, url: page.url(), body }, exchanges, urls }
  } catch (error) {
    if (error instanceof SignInError) throw error
    const message = context.signal.aborted
      ? 'the sign-in timed out (timeouts.signIn)'
      : (error as Error).message.split('\n')[0]
    throw new SignInError(`browser sign-in: ${message}`, exchanges)
  } finally {
    context.signal.removeEventListener('abort', abort)
    await browserContext.close().catch(() => {})
  }
}
