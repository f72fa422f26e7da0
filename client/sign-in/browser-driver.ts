/**
 * The `browser` sign-in driver, for single-page apps: Chromium (suites/drivers/find-chromium.ts)
 * through playwright-core, a fresh browser context (cookies, storage) per sign-in. By default it
 * opens `signIn.start` and waits until the app goes to the mock IdP (a single-page app first loads
 * its scripts and the provider metadata), completes the mock's login and consent pages through
 * their data-testid hooks, and, once back at the app, waits until the page settles, then returns
 * it. With `signIn.script`, the partner's module drives the page instead:
 *
 *   export default async ({ page, start, user, completeMockPages }) => { … }  // then the page is read
 *
 * A page has settled when it shows the outcome — every `outcome.success` matcher, or a page
 * matcher of `outcome.refusal` — or when the network is idle, whichever comes first. Both are
 * needed: an app that refuses a response may leave its body unread (the browser then never counts
 * the network as idle), and an app that never shows the outcome ends when its network rests.
 */
import { pathToFileURL } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import type { Exchange } from '../../reports/run-result.js'
import { CHROMIUM_ARGS, findChromium } from '../../suites/drivers/find-chromium.js'
import { readOutcome } from '../outcome/read-outcome.js'
import type { OutcomeMatchers } from '../target/client-target.js'
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
/** How often a settling page is looked at for the outcome. */
const OUTCOME_POLL_MS = 100

export async function browserDriver(
  scriptFile: string | undefined,
  timeoutMs: number,
  outcome: OutcomeMatchers,
): Promise<SignInDriver> {
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
    signIn: (context) => signInWithBrowser(browser, script, context, timeoutMs, outcome),
    close: () => browser.close(),
  }
}

async function signInWithBrowser(
  browser: Browser,
  script: BrowserScript | undefined,
  context: SignInContext,
  timeoutMs: number,
  outcome: OutcomeMatchers,
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
    const snapshot = async () => ({ status: lastStatus, url: page.url(), body: await page.content() })
    /** True when the page shows the outcome: every success matcher, or (when given) a refusal matcher on the page. */
    const showsOutcome = async (options: { success: boolean }) => {
      const read = readOutcome(await snapshot(), [], outcome)
      return (
        (options.success && read.kind === 'signed-in') || (outcome.refusal !== undefined && read.kind === 'refused')
      )
    }
    /**
     * Waits, bounded by the sign-in's timeout (the abort closes the context), until the page shows
     * the outcome, the network is idle, or `left()` holds.
     */
    const settle = async (options: { success: boolean; left?: () => boolean }) => {
      let idle = false
      const idleNow = page.waitForLoadState('networkidle').then(
        () => {
          idle = true
        },
        () => {},
      )
      for (;;) {
        if (idle || options.left?.()) return
        // A page in the middle of a navigation has no content to read yet: look again.
        if (await showsOutcome(options).catch(() => false)) return
        if (context.signal.aborted) throw new Error('the sign-in timed out (timeouts.signIn)')
        await Promise.race([idleNow, new Promise((resolve) => setTimeout(resolve, OUTCOME_POLL_MS))])
      }
    }
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
      // The app leaves its start page for the mock, or refuses to (say, it rejects the discovery document).
      const startedAt = page.url()
      await settle({ success: false, left: () => atMock() || page.url() !== startedAt })
      await completeMockPages()
    }
    // Back at the app: a single-page app finishes the code exchange in scripts.
    await settle({ success: true })
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
