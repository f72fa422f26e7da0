// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * The browser login driver against pages at the authorization URL itself (login and consent both
 * served there, the consent form replacing the login form after the POST), with a login form a
 * script inserts after load, slow or never-arriving assets, a deny button in a form of its own,
 * two-step logins and pages in between (test/support/same-url-provider.ts, in front of a real
 * mock IdP that validates and issues the codes). No browser is a setup failure saying what to
 * install, never a skip.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { requireChromium } from '../../test/support/find-chromium.js'
import {
  DEFAULT_PAGES,
  type SameUrlProvider,
  startSameUrlProvider,
  upstreamConfig,
} from '../../test/support/same-url-provider.js'
import { buildAuthorizationRequest } from '../flows/authorization-request.js'
import { DriveError } from '../harness/evidence.js'
import { HttpClient } from '../harness/http-client.js'
import { targetSecrets } from '../harness/run-suite.js'
import { parseTargetFile, type TargetFile } from '../harness/target.js'
import { BrowserDriver } from './browser-driver.js'
import type { AuthorizeInput, AuthorizeResult } from './driver.js'
import { readZip } from './trace-redaction.js'

/** One list for both login shapes: "next" is skipped on a one-page login. */
const LOGIN = {
  driver: 'browser',
  steps: [
    { fill: '[data-testid=login-username]', value: '${username}' },
    { click: '[data-testid=login-next]' },
    { fill: '[data-testid=login-password]', value: '${password}' },
    { click: '[data-testid=login-submit]' },
  ],
  cancel: '[data-testid=login-cancel]',
  continue: '[data-testid=interstitial-continue]',
  consent: {
    form: '[data-testid=consent-form]',
    submit: '[data-testid=consent-approve]',
    deny: '[data-testid=consent-deny]',
  },
}
/** Short, so the stuck-page tests end soon; long enough for 3-second assets on a busy machine. */
const REQUEST_TIMEOUT_MS = 8_000

/** Assets a little slow in most tests; the first test has the 3-second ones. */
const PAGES = { ...DEFAULT_PAGES, assetDelayMs: 400 }

let idp: MockIdp
let front: SameUrlProvider
let setupError: Error | undefined
/** One browser for the tests that use the default login settings. */
let shared: { driver: BrowserDriver; http: HttpClient; file: TargetFile } | undefined

beforeAll(async () => {
  idp = await createMockIdp(upstreamConfig())
  front = await startSameUrlProvider({
    upstreamAuthorize: `${idp.issuer}/oauth/authorize`,
    issuer: idp.issuer,
    users: idp.targetFile().users,
  })
  try {
    requireChromium()
  } catch (error) {
    setupError = error as Error
    return
  }
  const file = target()
  const http = new HttpClient({ timeoutMs: REQUEST_TIMEOUT_MS, secrets: targetSecrets(file) })
  if (file.login.driver !== 'browser') throw new Error('not a browser login')
  shared = { driver: await BrowserDriver.launch(http, file.login, REQUEST_TIMEOUT_MS), http, file }
}, 60_000)

afterAll(async () => {
  await shared?.driver.close()
  await front?.close()
  await idp?.close()
})

beforeEach(() => {
  front.setPages(PAGES)
  front.served.clear()
})

function target(login: unknown = LOGIN): TargetFile {
  return parseTargetFile({
    ...idp.targetFile(),
    endpoints: { authorization: front.authorizationEndpoint },
    login,
    timeouts: { request: REQUEST_TIMEOUT_MS },
  })
}

/** The shared driver (default login settings). */
async function withDriver<T>(
  use: (driver: BrowserDriver, http: HttpClient, file: TargetFile) => Promise<T>,
): Promise<T> {
  if (setupError) throw setupError
  if (!shared) throw new Error('the browser driver did not start')
  return use(shared.driver, shared.http, shared.file)
}

/** A driver of its own, with other login settings or a shorter request timeout; closed after `use`. */
async function withOwnDriver<T>(
  login: unknown,
  timeoutMs: number,
  use: (driver: BrowserDriver, http: HttpClient, file: TargetFile) => Promise<T>,
): Promise<T> {
  if (setupError) throw setupError
  const file = target(login)
  const http = new HttpClient({ timeoutMs, secrets: targetSecrets(file) })
  if (file.login.driver !== 'browser') throw new Error('not a browser login')
  const driver = await BrowserDriver.launch(http, file.login, timeoutMs)
  try {
    return await use(driver, http, file)
  } finally {
    await driver.close()
  }
}

function input(file: TargetFile, http: HttpClient, extra: Partial<AuthorizeInput> = {}, overrides = {}) {
  const client = file.clients.find((candidate) => candidate.client_id === 'codeflow-basic')!
  const built = buildAuthorizationRequest({
    authorizationEndpoint: front.authorizationEndpoint,
    client,
    scope: 'openid profile',
    overrides,
  })
  return {
    built,
    client,
    input: {
      url: built.url,
      user: file.users[0]!,
      jar: http.newJar(),
      clientUris: client.redirect_uris,
      label: 'browser test',
      ...extra,
    } satisfies AuthorizeInput,
  }
}

function callbackOf(result: AuthorizeResult) {
  if (result.kind !== 'callback')
    throw new Error(`expected a callback, got a page (${result.status}): ${result.html.slice(0, 300)}`)
  return result
}

async function redeem(code: string, client: TargetFile['clients'][number], redirectUri: string, verifier?: string) {
  return fetch(`${idp.issuer}/auth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...(verifier ? { code_verifier: verifier } : {}),
    }),
  })
}

/** The temp directory a failure's screenshot and trace were written to, once the test has looked at them. */
async function removeArtifacts(error: DriveError): Promise<void> {
  const screenshot = (error.detail as { artifacts?: { screenshot?: string } }).artifacts?.screenshot
  if (screenshot) await rm(dirname(screenshot), { recursive: true, force: true })
}

/** Chromium processes whose parent is this process (Playwright launches the browser as a child). */
function chromiumChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' })
  return out
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /chrom/i.test(line))
}

describe('the browser driver on pages served at the authorization URL', { timeout: 60_000 }, () => {
  it('logs in through a form a script inserts after load, approves consent at the same URL, and returns a code the token endpoint accepts', async () => {
    front.setPages({ assetDelayMs: 3000 })
    await withDriver(async (driver, http, file) => {
      const { built, client, input: request } = input(file, http)
      const result = callbackOf(await driver.authorize(request))
      expect(result.params.state).toBe(built.state)
      expect(result.params.iss).toBe(idp.issuer)
      expect(result.mode).toBe('query')
      expect(result.redirectStatus).toBe(302)
      expect(result.sawLogin).toBe(true)
      expect(result.sawConsent).toBe(true)
      expect(front.served.get('login')).toBe(1)
      expect(front.served.get('consent')).toBe(1)
      const token = await redeem(result.params.code!, client, built.redirectUri, built.codeVerifier)
      expect(token.status, await token.clone().text()).toBe(200)
      // Every page was recorded, and the password never reached the evidence.
      expect(result.exchanges.map((exchange) => exchange.request.method)).toEqual(['GET', 'POST', 'POST'])
      expect(JSON.stringify(result.exchanges)).not.toContain(file.users[0]!.password)
    })
  })

  it('denies consent with a deny button that sits in a form of its own', async () => {
    await withDriver(async (driver, http, file) => {
      const { built, input: request } = input(file, http, { decision: 'deny' })
      const result = callbackOf(await driver.authorize(request))
      expect(result.params.error).toBe('access_denied')
      expect(result.params.state).toBe(built.state)
      expect(result.params.code).toBeUndefined()
      expect(result.sawConsent).toBe(true)
    })
  })

  it('cancels on the login page', async () => {
    await withDriver(async (driver, http, file) => {
      const result = callbackOf(await driver.authorize(input(file, http, { decision: 'cancel' }).input))
      expect(result.params.error).toBe('access_denied')
      expect(result.sawLogin).toBe(true)
      expect(front.served.get('consent')).toBeUndefined()
    })
  })

  it('types a wrong password first, then logs in on the login page shown again at the same URL', async () => {
    await withDriver(async (driver, http, file) => {
      const result = callbackOf(await driver.authorize(input(file, http, { wrongPasswordFirst: true }).input))
      expect(result.params.code).toBeDefined()
      expect(front.served.get('login')).toBe(2)
    })
  })

  it('logs in on a two-step login (username page, then password page), with a wrong password first', async () => {
    front.setPages({ loginSteps: 'two' })
    await withDriver(async (driver, http, file) => {
      const result = callbackOf(await driver.authorize(input(file, http, { wrongPasswordFirst: true }).input))
      expect(result.params.code).toBeDefined()
      expect(front.served.get('login')).toBe(1)
      expect(front.served.get('password')).toBe(2)
    })
  })

  it.each([
    ['one', 'a wrong password shown in place, then'],
    ['two', '"Next" revealing the password field in place and a wrong password, then'],
  ] as const)(
    'logs in through a script login app calling a JSON API (%s step): %s the code',
    async (loginSteps, _what) => {
      front.setPages({ loginApp: true, loginSteps })
      await withDriver(async (driver, http, file) => {
        const result = callbackOf(await driver.authorize(input(file, http, { wrongPasswordFirst: true }).input))
        expect(result.params.code).toBeDefined()
        expect(result.sawLogin).toBe(true)
        // One page: the wrong password never left it.
        expect(front.served.get('login')).toBe(1)
        expect(front.served.get('consent')).toBe(1)
      })
    },
  )

  it('cancels in a script login app', async () => {
    front.setPages({ loginApp: true })
    await withDriver(async (driver, http, file) => {
      const result = callbackOf(await driver.authorize(input(file, http, { decision: 'cancel' }).input))
      expect(result.params.error).toBe('access_denied')
    })
  })

  it.each(['auto-submit', 'meta-refresh', 'continue'] as const)(
    'passes a %s page between login and consent',
    async (interstitial) => {
      front.setPages({ interstitial })
      await withDriver(async (driver, http, file) => {
        const result = callbackOf(await driver.authorize(input(file, http).input))
        expect(result.params.code).toBeDefined()
        expect(front.served.get('interstitial')).toBe(1)
        expect(front.served.get('consent')).toBe(1)
      })
    },
  )

  it('keeps the session and the remembered consent: the second authorization shows neither page', async () => {
    front.setPages({ rememberConsent: true })
    await withDriver(async (driver, http, file) => {
      const jar = http.newJar()
      callbackOf(await driver.authorize(input(file, http, { jar }).input))
      const again = callbackOf(await driver.authorize(input(file, http, { jar }).input))
      expect(again.params.code).toBeDefined()
      expect(again.sawLogin).toBe(false)
      expect(again.sawConsent).toBe(false)
      expect(front.served.get('login')).toBe(1)
    })
  })

  it('captures a callback a script sends with location.href, without loading the client', async () => {
    front.setPages({ callback: 'script' })
    await withDriver(async (driver, http, file) => {
      const { built, input: request } = input(file, http)
      const result = callbackOf(await driver.authorize(request))
      expect(result.params.state).toBe(built.state)
      expect(result.params.code).toBeDefined()
      expect(result.redirectStatus).toBeUndefined()
    })
  })

  it('sends a POST authorization request and logs in', async () => {
    await withDriver(async (driver, http, file) => {
      const { built, input: request } = input(file, http)
      const form = Object.fromEntries(built.pairs)
      const result = callbackOf(
        await driver.authorize({ ...request, url: front.authorizationEndpoint, method: 'POST', form }),
      )
      expect(result.params.state).toBe(built.state)
      expect(result.params.code).toBeDefined()
      expect(result.exchanges[0]?.request.method).toBe('POST')
    })
  })

  it('captures a form_post response', async () => {
    await withDriver(async (driver, http, file) => {
      const { built, input: request } = input(file, http, {}, { response_mode: 'form_post' })
      const result = callbackOf(await driver.authorize(request))
      expect(result.mode).toBe('form_post')
      expect(result.params.state).toBe(built.state)
      expect(result.params.code).toBeDefined()
    })
  })

  it('captures a fragment response with its parameters', async () => {
    await withDriver(async (driver, http, file) => {
      const { built, input: request } = input(file, http, {}, { response_mode: 'fragment' })
      const result = callbackOf(await driver.authorize(request))
      expect(result.mode).toBe('fragment')
      expect(result.params.state).toBe(built.state)
      expect(result.params.code).toBeDefined()
    })
  })

  it('logs in and consents while the pages’ script and image never arrive (it does not wait for "load")', async () => {
    front.setPages({ assets: 'hang' })
    await withDriver(async (driver, http, file) => {
      const result = callbackOf(await driver.authorize(input(file, http).input))
      expect(result.params.code).toBeDefined()
    })
  })

  it.each([
    ['a 302', 'redirect'],
    ['a script', 'script'],
  ])('captures %s to a client URI of a native app’s own scheme', async (_how, via) => {
    const appUri = 'com.example.app:/oauth/callback'
    const back = `${appUri}?code=app-code&state=app-state`
    // A server of its own: the front end's client has web redirect URIs only.
    const server = createServer((_request, response) => {
      if (via === 'redirect') response.writeHead(302, { location: back }).end()
      else
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(`<!doctype html><title>back</title><script>location.href = ${JSON.stringify(back)}</script>`)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      await withDriver(async (driver, http, file) => {
        const { port } = server.address() as AddressInfo
        const result = callbackOf(
          await driver.authorize({
            url: `http://127.0.0.1:${port}/authorize`,
            user: file.users[0]!,
            jar: http.newJar(),
            clientUris: [appUri],
            label: 'native app',
          }),
        )
        expect(result.url).toBe(back)
        expect(result.params).toEqual({ code: 'app-code', state: 'app-state' })
        expect(result.redirectStatus).toBe(via === 'redirect' ? 302 : undefined)
      })
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it('returns the error page of a request the server refuses to redirect (unregistered redirect_uri)', async () => {
    await withDriver(async (driver, http, file) => {
      const { input: request } = input(file, http, {}, { redirect_uri: 'https://attacker.example/cb' })
      const result = await driver.authorize(request)
      expect(result.kind).toBe('page')
      if (result.kind !== 'page') return
      expect(result.status).toBe(400)
      expect(result.html).toContain('redirect_uri')
      expect(result.sawLogin).toBe(false)
    })
  })
})

/** A short request timeout: the waits that run out here run out sooner. */
const SHORT_TIMEOUT_MS = 3_000

describe('the browser driver when a login cannot go on', { timeout: 60_000 }, () => {
  it('ends a wait for an element that never appears with a DriveError saying what it awaited and what the page showed, with a screenshot and a redacted trace', async () => {
    front.setPages({ assets: 'none' })
    const login = { ...LOGIN, steps: [...LOGIN.steps, { wait: '#one-time-code' }] }
    await withOwnDriver(login, SHORT_TIMEOUT_MS, async (driver, http, file) => {
      const error = await driver.authorize(input(file, http).input).then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(DriveError)
      const drive = error as DriveError
      expect(drive.message).toContain(`waited ${SHORT_TIMEOUT_MS} ms for the login step { wait: "#one-time-code" }`)
      // What the page showed: the consent page the login led to, at the authorization URL.
      expect(drive.message).toContain('title "Allow access?"')
      expect(drive.message).toContain('buttons "Deny"')
      expect(drive.message).toContain(`${front.authorizationEndpoint}?`)
      const { artifacts } = drive.detail as { artifacts: { screenshot: string; trace: string } }
      expect(readFileSync(artifacts.screenshot).subarray(1, 4).toString()).toBe('PNG')
      const entries = readZip(readFileSync(artifacts.trace))
      expect(entries.map((entry) => entry.name)).toContain('trace.trace')
      const text = entries.map((entry) => entry.data.toString('latin1')).join('\n')
      expect(text).toContain('[data-testid=login-username]')
      expect(text).not.toContain(file.users[0]!.password)
      await removeArtifacts(drive)
    })
  })

  it('reports a login page its steps do not describe as a setup problem, with a screenshot', async () => {
    front.setPages({ assets: 'none' })
    const login = { ...LOGIN, steps: [{ fill: '#user', value: '${username}' }, { click: '#go' }] }
    await withOwnDriver(login, SHORT_TIMEOUT_MS, async (driver, http, file) => {
      const error = await driver.authorize(input(file, http).input).then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(DriveError)
      const drive = error as DriveError
      expect(drive.message).toContain('the page has a password field, but none of the login steps')
      expect(drive.message).toContain('title "Sign in"')
      const { artifacts } = drive.detail as { artifacts: { screenshot: string } }
      expect(existsSync(artifacts.screenshot)).toBe(true)
      await removeArtifacts(drive)
    })
  })

  it('ends on a login page that never settles and shows nothing it knows with a DriveError', async () => {
    front.setPages({ assets: 'hang' })
    const login = { ...LOGIN, steps: [{ fill: '#never-there', value: '${username}' }] }
    await withOwnDriver(login, SHORT_TIMEOUT_MS, async (driver, http, file) => {
      const error = await driver.authorize(input(file, http).input).then(
        () => undefined,
        (thrown: unknown) => thrown,
      )
      expect(error).toBeInstanceOf(DriveError)
      expect((error as DriveError).message).toContain('the page never settled')
      await removeArtifacts(error as DriveError)
      expect((error as DriveError).message).toContain('#never-there')
    })
  })

  it('leaves no browser process behind after close()', async () => {
    front.setPages({ assets: 'none' })
    const before = chromiumChildren()
    let launched: string[] = []
    await withOwnDriver(LOGIN, REQUEST_TIMEOUT_MS, async (driver, http, file) => {
      callbackOf(await driver.authorize(input(file, http).input))
      launched = chromiumChildren().filter((process) => !before.includes(process))
    })
    expect(launched.length).toBeGreaterThan(0)
    const after = chromiumChildren()
    expect(launched.filter((process) => after.includes(process))).toEqual([])
  })
})
