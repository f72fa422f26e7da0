/**
 * Test support for test/e2e/client-apps-sign-in.test.ts: reads a client target file (the agreed
 * format of docs/client-examples.md), registers its client with a mock IdP, starts the app with its
 * command and environment, and signs a user in once over plain HTTP or in Chromium, then reads the
 * outcome with the target's matchers. A small stand-in for what `codeflow client` does for every
 * check, so the example apps are proven to sign in before the runner points deviations at them.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import * as cheerio from 'cheerio'
import type { Browser as ChromiumBrowser, Locator, Page } from 'playwright-core'
import { createMockIdp, type MockIdp, type MockIdpConfigInput } from '../../mock-idp/index.js'
import { Browser, runLoginFlow } from '../support/login-flow.js'

export interface Matchers {
  status?: number
  url?: string
  text?: string
  selector?: string
  log?: string
}

export interface ClientTarget {
  name: string
  client: {
    client_id?: string
    client_secret?: string
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none'
    redirect_uris: string[]
    scope?: string
    id_token_signed_response_alg?: string
  }
  app?: {
    command: string
    cwd?: string
    env?: Record<string, string>
    port?: number | 'auto'
    ready?: { url: string; timeoutMs?: number }
  }
  signIn: { driver?: 'http' | 'browser' | 'module'; start: string }
  outcome: { success: Matchers; refusal?: Matchers }
  user?: { username: string; password: string }
}

/** The target file at `path`, with `${ENV}` references replaced; its directory resolves `app.cwd`. */
export function loadClientTarget(path: string): { target: ClientTarget; dir: string } {
  const text = readFileSync(path, 'utf8').replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = process.env[name]
    if (value === undefined) throw new Error(`${path}: environment variable ${name} is not set`)
    return value
  })
  return { target: JSON.parse(text) as ClientTarget, dir: dirname(path) }
}

export interface Placeholders {
  issuer: string
  client_id: string
  client_secret: string
  redirect_uri: string
  port: string
}

export function fill(template: string, values: Placeholders): string {
  return template.replace(
    /\{(issuer|client_id|client_secret|redirect_uri|port)\}/g,
    (_, key: keyof Placeholders) => values[key],
  )
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  await new Promise((done) => server.close(done))
  if (address === null || typeof address === 'string') throw new Error('no free port')
  return address.port
}

export interface Rig {
  idp: MockIdp
  target: ClientTarget
  values: Placeholders
  app: RunningApp | undefined
  close(): Promise<void>
}

/**
 * Registers the target's client with a fresh mock IdP (the secret generated when the file has
 * none, as the runner does), and starts the app. `mockConfig` adds to the mock's configuration.
 * A target signed in with the browser driver is a single-page app: the mock allows CORS from
 * the origin of its redirect URI, or the browser would not let it call the token endpoint.
 */
export async function startRig(path: string, mockConfig: MockIdpConfigInput = {}): Promise<Rig> {
  const { target, dir } = loadClientTarget(path)
  const port = target.app?.port === undefined || target.app.port === 'auto' ? await freePort() : target.app.port
  const clientId = target.client.client_id ?? `generated-${port}`
  const authMethod = target.client.token_endpoint_auth_method ?? 'client_secret_basic'
  const clientSecret =
    authMethod === 'none' ? '' : (target.client.client_secret ?? `generated-secret-${port}-0123456789abcdef`)
  const partial = { issuer: '', client_id: clientId, client_secret: clientSecret, redirect_uri: '', port: String(port) }
  const redirectUris = target.client.redirect_uris.map((uri) => fill(uri, partial))
  const browserOrigins = target.signIn.driver === 'browser' ? [new URL(redirectUris[0]!).origin] : []
  const idp = await createMockIdp({
    log: { level: 'silent' },
    cors: { origins: browserOrigins },
    ...mockConfig,
    clients: [
      {
        client_id: clientId,
        ...(authMethod === 'none' ? {} : { client_secret: clientSecret }),
        token_endpoint_auth_method: authMethod,
        redirect_uris: redirectUris,
        ...(target.client.scope === undefined ? {} : { scope: target.client.scope }),
      },
    ],
  })
  const values = { ...partial, issuer: idp.issuer, redirect_uri: redirectUris[0]! }
  let app: RunningApp | undefined
  try {
    app = target.app === undefined ? undefined : await startApp(target.app, dir, values)
  } catch (error) {
    await idp.close()
    throw error
  }
  return {
    idp,
    target,
    values,
    app,
    close: async () => {
      await app?.stop()
      await idp.close()
    },
  }
}

export interface RunningApp {
  /** Everything the app wrote to stdout and stderr so far. */
  log(): string
  stop(): Promise<void>
}

/** Starts the app's command (argv split on spaces, no shell) and waits until its readiness URL answers. */
export async function startApp(
  app: NonNullable<ClientTarget['app']>,
  dir: string,
  values: Placeholders,
): Promise<RunningApp> {
  const [command, ...args] = fill(app.command, values).split(/\s+/).filter(Boolean)
  if (command === undefined) throw new Error('app.command is empty')
  const env = Object.fromEntries(Object.entries(app.env ?? {}).map(([key, value]) => [key, fill(value, values)]))
  const child = spawn(command, args, {
    cwd: resolve(dir, app.cwd ?? '.'),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stop() reaches whatever the command started (e.g. apache2).
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exited = new Promise<string>((done) => {
    child.once('error', (error) => done(`could not start ${command}: ${error.message}`))
    child.once('exit', (code, signal) => done(`exited (${signal ?? code}) before it was ready`))
  })
  const running: RunningApp = { log: () => output, stop: () => stop(child) }
  if (app.ready === undefined) return running
  const readyUrl = fill(app.ready.url, values)
  const deadline = Date.now() + (app.ready.timeoutMs ?? 20_000)
  let exitReason: string | undefined
  void exited.then((reason) => {
    exitReason = reason
  })
  // Bounded: one attempt per 100 ms until the deadline, or until the process is gone.
  while (Date.now() < deadline && exitReason === undefined) {
    const answered = await fetch(readyUrl, { redirect: 'manual', signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status < 500,
      () => false,
    )
    if (answered) return running
    await new Promise((done) => setTimeout(done, 100))
  }
  await running.stop()
  throw new Error(
    `the app (${app.command}) ${exitReason ?? `did not answer ${readyUrl} in time`}; its output:\n${output}`,
  )
}

/** SIGTERM to the app's process group; SIGKILL to the group if the app is not gone within 5 s. */
async function stop(child: ChildProcess): Promise<void> {
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal)
    } catch {
      // the group is gone already
    }
  }
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((done) => child.once('exit', () => done()))
    signalGroup('SIGTERM')
    const timer = setTimeout(() => signalGroup('SIGKILL'), 5_000)
    await gone
    clearTimeout(timer)
  }
  signalGroup('SIGKILL') // anything the app left behind in its group
}

/** How a sign-in ended: the last page the user saw. */
export interface SignInOutcome {
  status: number
  url: string
  body: string
}

/**
 * What a browser sends when the user follows a link. Node's fetch always says
 * `Sec-Fetch-Mode: cors` (whatever the caller sets), and a relying party such as mod_auth_openidc
 * takes that for a script's request (XHR) and answers 401 instead of redirecting to the IdP; so
 * the sign-in goes over node:http (navigationFetch), which sends these as given.
 */
const NAVIGATION = {
  Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Dest': 'document',
}

/**
 * A fetch over node:http with manual redirects and a string body: all the sign-in needs. One
 * connection per request, and lenient about what follows a complete body: mod_auth_openidc
 * answers a callback without `state` with an error page and then a second (500) error document on
 * the same connection, which Node's parser reports as an error after the first response is whole.
 */
async function navigationFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input)
  const headers = new Headers(init.headers)
  for (const [name, value] of Object.entries(NAVIGATION)) if (!headers.has(name)) headers.set(name, value)
  headers.set('Connection', 'close')
  const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body)
  return new Promise((done, fail) => {
    let answered: IncomingMessage | undefined
    const chunks: Buffer[] = []
    const finish = () => {
      if (answered === undefined) return
      const answer = new Headers()
      for (const [name, value] of Object.entries(answered.headers)) {
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) answer.append(name, item)
      }
      const status = answered.statusCode ?? 502
      done(new Response(status === 204 || status === 304 ? null : Buffer.concat(chunks), { status, headers: answer }))
    }
    const request = httpRequest(
      url,
      { method: init.method ?? 'GET', headers: Object.fromEntries(headers), timeout: 15_000, agent: false },
      (response) => {
        answered = response
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', finish)
      },
    )
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url.href} in 15 s`)))
    request.on('error', (error) =>
      // The body parsed before the error is still on its way to 'data': look once it has arrived.
      setImmediate(() => {
        const declared = Number(answered?.headers['content-length'])
        const received = chunks.reduce((sum, chunk) => sum + chunk.length, 0)
        if (answered !== undefined && Number.isInteger(declared) && received >= declared) finish()
        else fail(error)
      }),
    )
    request.end(body)
  })
}

/**
 * One sign-in over plain HTTP with a cookie jar: opens `start`, follows redirects, completes the
 * mock's login and consent pages (codeflow/testing), and follows the app's redirects after the
 * callback to the page the user ends on.
 */
export async function signInOverHttp(rig: Rig): Promise<SignInOutcome> {
  const browser = new Browser({ fetch: navigationFetch })
  const user = rig.target.user ?? { username: 'alice', password: 'wonderland' }
  const mockOrigin = new URL(rig.idp.issuer).origin
  let url = fill(rig.target.signIn.start, rig.values)
  for (let step = 0; step < 20; step++) {
    if (new URL(url).origin === mockOrigin) {
      const authorization = new URL(url)
      const { callbackUrl } = await runLoginFlow({
        baseUrl: rig.idp.issuer,
        authorizationEndpoint: `${authorization.origin}${authorization.pathname}`,
        params: Object.fromEntries(authorization.searchParams),
        browser,
        ...user,
      })
      url = callbackUrl
      continue
    }
    const response = await browser.get(url)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location !== null) {
      url = new URL(location, url).href
      continue
    }
    return { status: response.status, url, body: await response.text() }
  }
  throw new Error(`more than 20 redirects from ${rig.target.signIn.start}`)
}

/**
 * One sign-in in Chromium: opens `start`, fills the mock's login page, approves its consent page
 * when it comes, and waits until the success selector (or a refusal status) shows.
 */
export async function signInWithChromium(rig: Rig, chromium: ChromiumBrowser): Promise<SignInOutcome> {
  const user = rig.target.user ?? { username: 'alice', password: 'wonderland' }
  const context = await chromium.newContext()
  try {
    const page = await context.newPage()
    let lastStatus = 0
    page.on('response', (response) => {
      if (response.request().isNavigationRequest() && response.request().frame() === page.mainFrame()) {
        lastStatus = response.status()
      }
    })
    await page.goto(fill(rig.target.signIn.start, rig.values))
    // The app may refuse before the IdP's pages ever show (e.g. its discovery failed).
    const ended = outcomeShown(page, rig.target.outcome)
    const loginForm = page.locator('[data-testid=login-form]')
    await loginForm.or(ended).first().waitFor({ timeout: 10_000 })
    if (await loginForm.isVisible()) {
      await page.fill('[data-testid=login-username]', user.username)
      await page.fill('[data-testid=login-password]', user.password)
      await page.click('[data-testid=login-submit]')
      const consent = page.locator('[data-testid=consent-approve]')
      await consent.or(ended).first().waitFor({ timeout: 10_000 })
      if (await consent.isVisible()) await consent.click()
      await ended.first().waitFor({ timeout: 10_000 })
    }
    return { status: lastStatus, url: page.url(), body: await page.content() }
  } finally {
    await context.close()
  }
}

/** An element that shows the sign-in ended: the success selector, or the refusal's selector or text. */
function outcomeShown(page: Page, outcome: ClientTarget['outcome']): Locator {
  const { success, refusal } = outcome
  let shown = page.locator(success.selector ?? 'body')
  if (refusal?.selector !== undefined) shown = shown.or(page.locator(refusal.selector))
  if (refusal?.text !== undefined) shown = shown.or(page.getByText(refusal.text))
  return shown
}

/**
 * Throws "install …" unless every file exists (a test that cannot run here fails with what to
 * install, never skips): e.g. `requireInstalled(['/usr/sbin/apache2'], 'apache2')`.
 */
export function requireInstalled(files: string[], aptPackages: string): void {
  const missing = files.filter((file) => !existsSync(file))
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: install ${aptPackages} (apt-get install -y ${aptPackages})`)
  }
}

/** Throws "install …" unless Debian's python3 imports every module. */
export function requirePythonModules(modules: string[], aptPackages: string): void {
  requireInstalled(['/usr/bin/python3'], 'python3')
  const result = spawnSync('/usr/bin/python3', ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(
      `/usr/bin/python3 cannot import ${modules.join(', ')}: install ${aptPackages} (apt-get install -y ${aptPackages})\n${result.stderr}`,
    )
  }
}

/**
 * The app's output once `pattern` shows in it, or after `withinMs`: an app logs a refusal as or
 * after it answers, so the line may trail the page by a moment (bounded: one look per 50 ms).
 */
export async function logOnceMatched(app: RunningApp, pattern: string, withinMs = 2_000): Promise<string> {
  const deadline = Date.now() + withinMs
  while (!new RegExp(pattern, 'm').test(app.log()) && Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, 50))
  }
  return app.log()
}

/** The matchers of `matchers` that do not hold for `outcome` (empty: all hold). */
export function unmet(matchers: Matchers, outcome: SignInOutcome, log = ''): string[] {
  const problems: string[] = []
  if (matchers.status !== undefined && outcome.status !== matchers.status) {
    problems.push(`status ${outcome.status}, not ${matchers.status}`)
  }
  if (matchers.url !== undefined && !new RegExp(matchers.url).test(outcome.url)) {
    problems.push(`url ${outcome.url} does not match ${matchers.url}`)
  }
  const $ = cheerio.load(outcome.body)
  if (matchers.text !== undefined && !$.text().includes(matchers.text))
    problems.push(`text "${matchers.text}" not on the page`)
  if (matchers.selector !== undefined && $(matchers.selector).length === 0) {
    problems.push(`no element matches ${matchers.selector}`)
  }
  if (matchers.log !== undefined && !new RegExp(matchers.log, 'm').test(log))
    problems.push(`no log line matches ${matchers.log}`)
  return problems
}
