// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * The `browser` login driver: Playwright with a real Chromium (suites/drivers/find-chromium.ts),
 * for login pages that need JavaScript. Each authorization runs in a fresh browser context
 * holding the cookie jar's session, and goes round a loop: look at the page, act, wait for the
 * page to change.
 *
 * - Look: wait until the page shows something the target file names — the login form (a `fill`
 *   step's element), the consent form, the `continue` button — or the response reaches the
 *   client, or the page settles showing none of these (an error page: the result is that page).
 *   A recognised element is acted on as soon as it is visible: no waiting for the "load" event of
 *   slow images and scripts.
 * - Act: run the login steps (a two-step login is one list: a step whose element is missing while
 *   a later step's is visible is skipped, so the same list serves the username page, the password
 *   page and a login page shown again after a wrong password), approve or deny consent (the deny
 *   control may be anywhere on the page), cancel, or continue.
 * - Wait for the change the action caused: a new document committed (a POST answered at the same
 *   URL is one), the clicked element gone, the page's own request answered, or (a login step with
 *   steps after it) a later step's element visible. Never "the URL changed" (login and consent
 *   may share the authorization URL) and never the load event.
 *
 * Every wait is bounded by the target's request timeout and the whole authorization by
 * AUTHORIZE_BUDGET_PAGES of them. A failure is a DriveError saying what was awaited and what the
 * page showed, with a screenshot and a Playwright trace (redacted) in `detail.artifacts`.
 *
 * The response is captured at the client's door and never delivered (browser-callback-capture.ts).
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { CookieJar, Cookie as JarCookie } from 'tough-cookie'
import { DriveError } from '../harness/evidence.js'
import { redactFreeText } from '../harness/exchange.js'
import type { HttpClient } from '../harness/http-client.js'
import type { TargetFile } from '../harness/target.js'
import { CallbackCapture } from './browser-callback-capture.js'
import { contextToJar, jarToContext } from './browser-cookies.js'
import { ExchangeRecorder } from './browser-exchange-recorder.js'
import { describePage, type PageSnapshot, readPage, safeUrl } from './browser-page-snapshot.js'
import { PageWatch, pageWatchScript } from './browser-page-watch.js'
import { readCallback } from './callback.js'
import type { AuthorizeInput, AuthorizeResult, LoginDriver } from './driver.js'
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js'
import { redactTraceZip } from './trace-redaction.js'

type BrowserSettings = Extract<TargetFile['login'], { driver: 'browser' }>
type Step = BrowserSettings['steps'][number]

/**
 * The whole authorization may take this many request timeouts: the authorization request, a
 * wrong password, the two pages of a two-step login, a page in between, consent, and the way back.
 */
export const AUTHORIZE_BUDGET_PAGES = 7
/** Pages the loop looks at before it gives up on ever getting back to the client. */
const MAX_ROUNDS = 12
/** A login page shown more often than this means the credentials are not accepted. */
const MAX_LOGIN_PAGES = 3
/** The longest a screenshot or a trace may take to save. */
const ARTIFACT_TIMEOUT_MS = 5_000

/** A wait that ran out: what was awaited, for how long. */
class Stuck extends Error {
  constructor(
    readonly awaited: string,
    readonly waitedMs: number,
  ) {
    super(`waited ${waitedMs} ms for ${awaited}`)
    this.name = 'Stuck'
  }
}

/** The time left for one authorization, and for each wait within it. */
class Deadline {
  readonly #end: number
  constructor(
    budgetMs: number,
    private readonly stepMs: number,
  ) {
    this.#end = performance.now() + budgetMs
  }
  remaining(): number {
    return Math.max(0, this.#end - performance.now())
  }
  /** One wait's timeout: the request timeout, or what is left of the budget if less. */
  step(): number {
    return Math.max(1, Math.floor(Math.min(this.stepMs, this.remaining())))
  }
}

/** Everything one authorization holds; closed when it ends. */
interface Session {
  context: BrowserContext
  page: Page
  watch: PageWatch
  capture: CallbackCapture
  recorder: ExchangeRecorder
  jarBefore: JarCookie[]
  tracing: boolean
}

type Seen =
  | { kind: 'callback' }
  | { kind: 'login' | 'consent' | 'continue' }
  | { kind: 'refresh'; delayMs: number; since: number }
  | { kind: 'settled'; snapshot: PageSnapshot }

export class BrowserDriver implements LoginDriver {
  readonly name = 'browser'
  readonly #open = new Set<BrowserContext>()
  #artifactsDir: Promise<string> | undefined
  #failures = 0

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
        // A cold start on a busy machine takes seconds; it is not a request to the target.
        timeout: Math.max(30_000, timeoutMs),
      })
      return new BrowserDriver(http, settings, browser, timeoutMs)
    } catch (error) {
      throw new DriveError(
        `the browser login driver could not start Chromium at ${found.path} (from ${found.source}): ${(error as Error).message.split('\n')[0]}`,
      )
    }
  }

  /** Closes every context and the browser; bounded, so a wedged browser cannot hold the run. */
  async close(): Promise<void> {
    const bound = Math.max(5_000, this.timeoutMs)
    await within(Promise.all([...this.#open].map((context) => context.close().catch(() => {}))), bound)
    await within(
      this.browser.close().catch(() => {}),
      bound,
    )
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const budgetMs = this.timeoutMs * AUTHORIZE_BUDGET_PAGES
    const deadline = new Deadline(budgetMs, this.timeoutMs)
    const session = await this.#openSession(input, deadline)
    const stop = new AbortController()
    const flow = this.#flow(session, input, deadline, stop.signal)
    flow.catch(() => {})
    try {
      return await race(
        `the redirect back to the client (the whole authorization may take ${budgetMs} ms: ${AUTHORIZE_BUDGET_PAGES} × the request timeout)`,
        budgetMs,
        [flow],
      )
    } catch (error) {
      throw await this.#failure(error, session, input)
    } finally {
      stop.abort()
      await this.#closeSession(session, input.jar)
    }
  }

  async #openSession(input: AuthorizeInput, deadline: Deadline): Promise<Session> {
    const opening = (async (): Promise<Session> => {
      const context = await this.browser.newContext({
        // The target file's `headers` go with the browser's requests too.
        extraHTTPHeaders: this.http.defaultHeaders,
        // A service worker could answer requests where the callback capture does not see them.
        serviceWorkers: 'block',
        acceptDownloads: false,
      })
      this.#open.add(context)
      try {
        await context.addInitScript({ content: pageWatchScript(this.timeoutMs) })
        if (this.settings.trace) await context.tracing.start({ screenshots: true, snapshots: true })
        const jarBefore = await jarToContext(input.jar, context)
        const page = await context.newPage()
        page.setDefaultTimeout(this.timeoutMs)
        page.setDefaultNavigationTimeout(this.timeoutMs)
        // An alert or confirm would block the page's scripts until answered.
        page.on('dialog', (dialog) => {
          dialog.dismiss().catch(() => {})
        })
        const watch = new PageWatch(page)
        const capture = await CallbackCapture.attach(page, input.clientUris)
        const recorder = new ExchangeRecorder(page, this.http, input.label, input.clientUris)
        return { context, page, watch, capture, recorder, jarBefore, tracing: this.settings.trace }
      } catch (error) {
        this.#open.delete(context)
        await context.close().catch(() => {})
        throw error
      }
    })()
    opening.catch(() => {})
    try {
      return await race('a new browser page', deadline.step(), [opening])
    } catch (error) {
      // A page that opens after all is closed at once rather than at the end of the run.
      opening.then((late) => this.#closeSession(late, input.jar)).catch(() => {})
      throw new DriveError(
        `${input.label}: the browser driver could not open a page: ${error instanceof Stuck ? error.message : firstLine(error)}`,
      )
    }
  }

  async #closeSession(session: Session, jar: CookieJar): Promise<void> {
    await within(contextToJar(session.context, jar, session.jarBefore), ARTIFACT_TIMEOUT_MS)
    // Closing a context discards a trace that was not saved: a successful login costs no file.
    await within(
      session.context.close().catch(() => {}),
      ARTIFACT_TIMEOUT_MS,
    )
    this.#open.delete(session.context)
  }

  async #flow(
    session: Session,
    input: AuthorizeInput,
    deadline: Deadline,
    signal: AbortSignal,
  ): Promise<AuthorizeResult> {
    await this.#start(session, input, deadline)
    let sawLogin = false
    let sawConsent = false
    let loginPages = 0
    let wrongPasswordPending = input.wrongPasswordFirst ?? false
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const seen = await this.#recognise(session, deadline, signal)
      switch (seen.kind) {
        case 'callback':
          return this.#callbackResult(session, deadline, sawLogin, sawConsent)
        case 'settled':
          return this.#pageResult(session, seen.snapshot, deadline, sawLogin)
        case 'refresh':
          await race(`the meta refresh (after ${seen.delayMs} ms)`, seen.delayMs + deadline.step(), [
            session.capture.seen,
            session.watch.navigatedSince(seen.since, signal),
          ])
          break
        case 'continue':
          await this.#clickAndAwaitChange(
            session,
            visible(session.page, this.settings.continue!),
            'the continue button',
            deadline,
            signal,
          )
          break
        case 'login': {
          sawLogin = true
          loginPages++
          if (loginPages > MAX_LOGIN_PAGES)
            throw new Stuck(
              `a page other than the login page (it came back ${MAX_LOGIN_PAGES} times: the credentials were not accepted)`,
              0,
            )
          if (input.decision === 'cancel') {
            const cancel = this.settings.cancel
            if (!cancel)
              throw new DriveError('the target file has no "login.cancel" selector, so the login cannot be cancelled')
            await this.#clickAndAwaitChange(
              session,
              visible(session.page, cancel),
              `the cancel button ${cancel}`,
              deadline,
              signal,
            )
            break
          }
          const password = wrongPasswordPending ? `${input.user.password}-wrong` : input.user.password
          wrongPasswordPending = false
          await this.#runLoginSteps(session, { username: input.user.username, password }, deadline, signal)
          break
        }
        case 'consent': {
          sawConsent = true
          const consent = this.settings.consent!
          const selector = input.decision === 'deny' ? consent.deny : consent.submit
          if (!selector)
            throw new DriveError('the target file has no "login.consent.deny" selector, so consent cannot be denied')
          // The approve button is looked for in the consent form first; a deny control is often a
          // link or a form of its own elsewhere on the page.
          const inForm = session.page.locator(consent.form).locator(selector).filter({ visible: true })
          const button = (await inForm.count()) > 0 ? inForm.first() : visible(session.page, selector)
          const what = `the consent page's ${input.decision === 'deny' ? 'deny' : 'approve'} control ${selector}`
          await this.#clickAndAwaitChange(session, button, what, deadline, signal)
          break
        }
      }
    }
    throw new Stuck(`the redirect back to the client (${MAX_ROUNDS} pages went by without it)`, 0)
  }

  /** Opens the authorization request: a GET, or an auto-submitted form for a POST (OIDC Core §3.1.2.1). */
  async #start(session: Session, input: AuthorizeInput, deadline: Deadline): Promise<void> {
    const { page, capture } = session
    const timeout = deadline.step()
    if (input.method === 'POST') {
      const fields = Object.entries(input.form ?? {})
        .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
        .join('')
      await page.setContent(`<form method="post" action="${escapeHtml(input.url)}">${fields}</form>`, {
        waitUntil: 'commit',
        timeout,
      })
      const before = session.watch.navigations
      const stop = new AbortController()
      await page.locator('form').evaluate((form: HTMLFormElement) => form.submit())
      await race('the authorization endpoint to answer the POST', timeout, [
        capture.seen,
        session.watch.navigatedSince(before, stop.signal),
      ]).finally(() => stop.abort())
      return
    }
    try {
      await page.goto(input.url, { waitUntil: 'commit', timeout })
    } catch (error) {
      // A redirect to a client URI the browser cannot load (a custom scheme) ends the navigation
      // in an error, after it was captured.
      if (capture.captured) return
      if (isTimeout(error)) throw new Stuck('the authorization endpoint to answer', timeout)
      throw error
    }
  }

  /**
   * Waits until the page shows something to act on, the response reached the client, or the page
   * settled showing nothing the target file names.
   */
  async #recognise(session: Session, deadline: Deadline, signal: AbortSignal): Promise<Seen> {
    const { page, watch, capture } = session
    const login = this.#loginLocator(page)
    const consent = this.settings.consent ? visible(page, this.settings.consent.form) : undefined
    const next = this.settings.continue ? visible(page, this.settings.continue) : undefined
    const candidates = [login, consent, next].filter((locator): locator is Locator => locator !== undefined)
    const any = candidates.length === 0 ? undefined : candidates.reduce((union, locator) => union.or(locator))
    for (let look = 0; look < MAX_ROUNDS; look++) {
      const since = watch.navigations
      const timeout = deadline.step()
      const local = new AbortController()
      const abort = () => local.abort()
      signal.addEventListener('abort', abort, { once: true })
      const seen = await race(
        `${this.#expectation()}; the page never settled (still loading, or busy with requests or timers)`,
        timeout,
        [
          capture.seen.then(() => 'callback' as const),
          any
            ? any
                .first()
                .waitFor({ state: 'visible', timeout })
                .then(
                  () => 'element' as const,
                  () => never<'element'>(),
                )
            : never<'element'>(),
          watch.settled(local.signal).then(() => 'settled' as const),
        ],
      ).finally(() => {
        local.abort()
        signal.removeEventListener('abort', abort)
      })
      if (seen === 'callback') return { kind: 'callback' }
      if (await watch.navigationUnderway()) {
        // What is visible belongs to a page on its way out: look at the next one.
        const stop = new AbortController()
        await race('the next page to arrive', deadline.step(), [
          capture.seen,
          watch.navigatedSince(since, stop.signal),
        ]).finally(() => stop.abort())
        continue
      }
      if (login && (await login.count()) > 0) return { kind: 'login' }
      if (consent && (await consent.count()) > 0) return { kind: 'consent' }
      if (next && (await next.count()) > 0) return { kind: 'continue' }
      if (seen === 'settled') {
        const snapshot = await readPage(page, deadline.step())
        const refresh = snapshot.refresh
        // A page that refreshes within the request timeout is on its way somewhere; a later
        // refresh ("back to the home page in 30 s") belongs to a page that is the answer.
        if (refresh && refresh.delaySeconds * 1000 < this.timeoutMs)
          return { kind: 'refresh', delayMs: refresh.delaySeconds * 1000, since }
        return { kind: 'settled', snapshot }
      }
      // The element went away between the two looks: look again.
    }
    throw new Stuck(this.#expectation(), 0)
  }

  /** What the driver waits for on a page, in the target file's terms. */
  #expectation(): string {
    const parts = [`the login form (${this.#loginSelectors().join(', ')})`]
    if (this.settings.consent) parts.push(`the consent form (${this.settings.consent.form})`)
    if (this.settings.continue) parts.push(`the continue button (${this.settings.continue})`)
    return `${parts.join(', ')} or the redirect back to the client`
  }

  /** The elements that make a page the login page: the `fill` steps' (or, without any, the first step's). */
  #loginSelectors(): string[] {
    const fills = this.settings.steps.flatMap((step) => (step.fill === undefined ? [] : [step.fill]))
    if (fills.length > 0) return fills
    const first = this.settings.steps.map(targetOf).find((selector) => selector !== undefined)
    return first === undefined ? [] : [first]
  }

  #loginLocator(page: Page): Locator | undefined {
    const selectors = this.#loginSelectors()
    if (selectors.length === 0) return undefined
    return selectors.map((selector) => visible(page, selector)).reduce((union, locator) => union.or(locator))
  }

  /**
   * Runs the login steps on the page in front of it. A step whose element is not visible while a
   * later step's is, is skipped: the username page of a two-step login has no password field, the
   * password page (or a login page shown again) may have no username field or "next" button.
   */
  async #runLoginSteps(
    session: Session,
    values: { username: string; password: string },
    deadline: Deadline,
    signal: AbortSignal,
  ): Promise<void> {
    const { page, capture } = session
    const substitute = (text: string) =>
      text.replaceAll('${username}', values.username).replaceAll('${password}', values.password)
    const steps = this.settings.steps
    for (const [index, step] of steps.entries()) {
      if (step.goto !== undefined) {
        const timeout = deadline.step()
        await page
          .goto(new URL(substitute(step.goto), page.url()).toString(), { waitUntil: 'commit', timeout })
          .catch((error: unknown) => {
            if (isTimeout(error)) throw new Stuck(`the login step { goto: "${step.goto}" } to answer`, timeout)
            throw error
          })
        continue
      }
      const selector = targetOf(step)
      if (selector === undefined) continue
      const own = visible(page, selector)
      const later = steps
        .slice(index + 1)
        .map(targetOf)
        .filter((target): target is string => target !== undefined)
        .map((target) => visible(page, target))
      const either = later.reduce((union, locator) => union.or(locator), own)
      const timeout = deadline.step()
      const ready = await race(`the login step ${describeStep(step)}: "${selector}" to be visible`, timeout, [
        capture.seen.then(() => 'callback' as const),
        either
          .first()
          .waitFor({ state: 'visible', timeout })
          .then(
            () => 'visible' as const,
            () => never<'visible'>(),
          ),
      ])
      if (ready === 'callback') return
      if ((await own.count()) === 0) continue
      if (step.fill !== undefined) {
        await own
          .first()
          .fill(substitute(step.value ?? ''), { timeout })
          .catch((error: unknown) => {
            if (isTimeout(error)) throw new Stuck(`the login field "${step.fill}" to be editable`, timeout)
            throw error
          })
      }
      if (step.click !== undefined) {
        // A click with steps after it is done once a later step's element is visible: a "next"
        // that reveals the password field in place makes no request and hides nothing, and on a
        // login page shown again it may have nothing left to reveal.
        const laterUnion = later.length === 0 ? undefined : later.reduce((union, locator) => union.or(locator))
        const revealed = laterUnion
          ?.first()
          .waitFor({ state: 'visible', timeout: deadline.step() })
          .catch(() => never<void>())
        await this.#clickAndAwaitChange(
          session,
          own.first(),
          `the login step { click: "${step.click}" }`,
          deadline,
          signal,
          revealed,
        )
      }
    }
  }

  /**
   * Clicks, then waits for what the click changes: a new document (same URL or not), the clicked
   * element hidden or gone (a script app that swaps its views), the page's own request answered
   * (a script app that shows an error in place), or the response at the client.
   */
  async #clickAndAwaitChange(
    session: Session,
    target: Locator,
    what: string,
    deadline: Deadline,
    signal: AbortSignal,
    /** One more kind of change the caller knows to expect. */
    alsoWhen?: Promise<void>,
  ): Promise<void> {
    const { watch, capture } = session
    const navigations = watch.navigations
    const activity = await watch.activity()
    const timeout = deadline.step()
    // Not Playwright's own wait for the navigation a click starts: the race below waits for it,
    // and for the other kinds of change, and says which wait ran out.
    await target.click({ timeout, noWaitAfter: true }).catch((error: unknown) => {
      if (isTimeout(error)) throw new Stuck(`${what} to be visible and enabled, to click it`, timeout)
      throw error
    })
    const stop = new AbortController()
    const abort = () => stop.abort()
    signal.addEventListener('abort', abort, { once: true })
    await race(
      `the page to change after clicking ${what} (a new document, the element going away, or an answer to the page's request)`,
      deadline.step(),
      [
        capture.seen,
        watch.navigatedSince(navigations, stop.signal),
        target.waitFor({ state: 'hidden', timeout: deadline.step() }).catch(() => never<void>()),
        watch.answered(activity),
        ...(alsoWhen ? [alsoWhen] : []),
      ],
    ).finally(() => {
      stop.abort()
      signal.removeEventListener('abort', abort)
    })
  }

  async #callbackResult(
    session: Session,
    deadline: Deadline,
    sawLogin: boolean,
    sawConsent: boolean,
  ): Promise<AuthorizeResult> {
    const found = (await session.capture.complete(deadline.step()))!
    const exchanges = await session.recorder.exchanges(deadline.step())
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
      ...(found.redirectStatus === undefined ? {} : { redirectStatus: found.redirectStatus }),
      sawLogin,
      sawConsent,
      exchanges,
    }
  }

  /** The server's last word was a page of its own (an error page, most often). */
  async #pageResult(
    session: Session,
    snapshot: PageSnapshot,
    deadline: Deadline,
    sawLogin: boolean,
  ): Promise<AuthorizeResult> {
    const { page, watch } = session
    // A password field the login steps do not name is a login page the target file does not
    // describe: that is a setup problem to show (with a screenshot), not the server's answer.
    if ((await page.locator('input[type=password]').filter({ visible: true }).count()) > 0)
      throw new Stuck(
        `${this.#expectation()}; the page has a password field, but none of the login steps' selectors matches it (check "login.steps" in the target file)`,
        0,
      )
    const html = await race('the page content', deadline.step(), [page.content()]).catch(() => '')
    return {
      kind: 'page',
      status: watch.status ?? 0,
      url: snapshot.url || page.url(),
      html,
      sawLogin,
      exchanges: await session.recorder.exchanges(deadline.step()),
    }
  }

  /** The DriveError for a failed authorization: what was awaited, what the page showed, and the artifacts. */
  async #failure(error: unknown, session: Session, input: AuthorizeInput): Promise<DriveError> {
    // The target file lacks a selector the check needs: nothing on the page to show.
    if (error instanceof DriveError) return error
    const secrets = [input.user.password]
    const snapshot = await readPage(session.page, ARTIFACT_TIMEOUT_MS)
    const artifacts = await this.#saveArtifacts(session, input.label, secrets)
    const what =
      error instanceof Stuck
        ? error.waitedMs > 0
          ? `waited ${error.waitedMs} ms for ${error.awaited}`
          : `expected ${error.awaited}`
        : `failed: ${firstLine(error)}`
    // A browser error message may quote a URL with a code in it.
    const message = redactFreeText(
      `${input.label}: the browser driver ${what}; ${describePage(snapshot, session.watch.status, secrets)}`,
      secrets,
    )
    return new DriveError(message, {
      ...(snapshot.url ? { url: safeUrl(snapshot.url) } : {}),
      ...(Object.keys(artifacts).length > 0 ? { artifacts } : {}),
    })
  }

  /** A screenshot of the page and, if tracing, the trace (redacted), in this driver's temp directory. */
  async #saveArtifacts(
    session: Session,
    label: string,
    secrets: string[],
  ): Promise<{ screenshot?: string; trace?: string }> {
    const artifacts: { screenshot?: string; trace?: string } = {}
    this.#artifactsDir ??= mkdtemp(join(tmpdir(), 'codeflow-browser-'))
    const dir = await this.#artifactsDir.catch(() => undefined)
    if (!dir) return artifacts
    const base = join(dir, `${++this.#failures}-${slug(label)}`)
    const { page, context } = session
    if (!page.isClosed()) {
      const saved = await within(
        page.screenshot({ path: `${base}.png`, timeout: ARTIFACT_TIMEOUT_MS }).then(
          () => true,
          () => false,
        ),
        ARTIFACT_TIMEOUT_MS,
      )
      if (saved) artifacts.screenshot = `${base}.png`
    }
    if (session.tracing) {
      const path = `${base}-trace.zip`
      const saved = await within(
        context.tracing
          .stop({ path })
          .then(() => redactTraceZip(path, secrets))
          .then(
            () => true,
            () => false,
          ),
        ARTIFACT_TIMEOUT_MS * 2,
      )
      if (saved) artifacts.trace = path
    }
    return artifacts
  }
}

/** The visible elements matching `selector`. */
function visible(page: Page, selector: string): Locator {
  return page.locator(selector).filter({ visible: true })
}

function targetOf(step: Step): string | undefined {
  return step.fill ?? step.click ?? step.wait
}

function describeStep(step: Step): string {
  if (step.fill !== undefined) return `{ fill: "${step.fill}" }`
  if (step.click !== undefined) return `{ click: "${step.click}" }`
  return `{ wait: "${step.wait}" }`
}

/** Resolves with the first contender, or rejects with Stuck when `timeoutMs` runs out first. */
function race<T>(awaited: string, timeoutMs: number, contenders: Array<Promise<T>>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Stuck(awaited, Math.round(timeoutMs))), timeoutMs)
  })
  return Promise.race([...contenders, timeout]).finally(() => clearTimeout(timer))
}

/** Waits for `work` at most `timeoutMs`; gives up silently (cleanup that must not hold the run). */
async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** A promise that never settles: a contender that dropped out of a race. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => {})
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError'
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''
}

function slug(label: string): string {
  return (
    label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'authorization'
  )
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )
}
