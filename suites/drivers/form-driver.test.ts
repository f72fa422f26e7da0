/**
 * The form driver against pages shaped like real servers' (test-support/login-pages-server.ts),
 * with no selectors in the target file unless the test is about one: deny controls outside the
 * consent form, two-step logins, interstitials, login and consent at the authorization URL,
 * remembered consent, wrong passwords answered with the same page, error pages.
 */
import { afterEach, expect, it } from 'vitest'
import { DriveError } from '../harness/evidence.js'
import { HttpClient } from '../harness/http-client.js'
import { targetSecrets } from '../harness/run-suite.js'
import { parseTargetFile } from '../harness/target.js'
import {
  CLIENT_ID,
  type LoginPagesServer,
  type PageVariant,
  REDIRECT_URI,
  serveLoginPages,
  USER,
} from '../test-support/login-pages-server.js'
import { type AuthorizeInput, type AuthorizeResult, ControlNotFound, type DriverStep } from './driver.js'
import { FormDriver } from './form-driver.js'
import type { FormSettings } from './form-page.js'

let server: LoginPagesServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

interface Drive {
  login?: Record<string, unknown>
  params?: Record<string, string>
  decision?: AuthorizeInput['decision']
  wrongPasswordFirst?: boolean
  password?: string
}

async function drive(variant: PageVariant, options: Drive = {}) {
  server = await serveLoginPages(variant)
  const target = parseTargetFile({
    name: 'pages',
    issuer: server.url,
    clients: [{ client_id: CLIENT_ID, client_secret: 'app-secret', redirect_uris: [REDIRECT_URI] }],
    users: [{ ...USER, password: options.password ?? USER.password }],
    login: options.login ?? {},
  })
  const http = new HttpClient({ timeoutMs: 5_000, secrets: targetSecrets(target) })
  const driver = new FormDriver(http, target.login as FormSettings, target.users)
  const steps: DriverStep[] = []
  const outcome = await driver
    .authorize({
      url: server.authorizeUrl(options.params),
      user: target.users[0]!,
      jar: http.newJar(),
      clientUris: [REDIRECT_URI],
      decision: options.decision,
      wrongPasswordFirst: options.wrongPasswordFirst,
      label: 'test',
      trace: (step) => steps.push(step),
    })
    .then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    )
  const requests = http.exchanges.map((exchange) => ({
    line: `${exchange.request.method} ${new URL(exchange.request.url).pathname}`,
    body: exchange.request.body ?? '',
  }))
  return { ...outcome, steps, decisions: server.decisions, requests }
}

function callback(result: AuthorizeResult | undefined, error?: unknown) {
  if (error) throw error
  if (result?.kind !== 'callback') throw new Error(`expected a callback, got ${JSON.stringify(result?.kind)}`)
  return result
}

it('signs in and approves on pages it has no selectors for, sending the CSRF field and the clicked button', async () => {
  const { result, error, decisions, requests } = await drive({ usernameName: 'email' })
  const back = callback(result, error)
  expect(back.params).toMatchObject({ state: 'xyz', code: expect.any(String) })
  expect(back).toMatchObject({ sawLogin: true, sawConsent: true, redirectStatus: 302 })
  expect(decisions).toEqual(['code'])
  const login = requests.find((request) => request.line === 'POST /login')!
  const sent = new URLSearchParams(login.body)
  expect(sent.get('email')).toBe('alice')
  expect(sent.get('action')).toBe('login')
  expect(sent.get('csrf')).toMatch(/\S{8,}/)
  // The search form on the login page is left alone.
  expect(sent.has('q')).toBe(false)
  const consent = new URLSearchParams(requests.find((request) => request.line === 'POST /consent')!.body)
  expect(consent.get('decision')).toBe('allow')
  expect(consent.get('scope')).toBe('profile')
})

it('denies with a deny button that sits in a form of its own, named by the target file or found by its label', async () => {
  for (const login of [{ consent: { deny: 'form#deny-form button' } }, {}]) {
    const { result, error, requests } = await drive({ deny: 'form' }, { decision: 'deny', login })
    expect(callback(result, error).params).toMatchObject({ error: 'access_denied', state: 'xyz' })
    expect(requests.at(-1)!.line).toBe('POST /consent/deny')
    await server?.close()
    server = undefined
  }
})

it('denies with a deny link, following it with GET, also when the target file names only the consent form', async () => {
  for (const login of [{}, { consent: { form: 'form#consent-form' } }]) {
    const { result, error, requests } = await drive({ deny: 'link' }, { decision: 'deny', login })
    expect(callback(result, error).params.error).toBe('access_denied')
    expect(requests.at(-1)!.line).toBe('GET /consent/deny')
    await server?.close()
    server = undefined
  }
})

it('denies with an input[type=submit], sending its name and value', async () => {
  const { result, error, requests } = await drive({ deny: 'input' }, { decision: 'deny' })
  expect(callback(result, error).params.error).toBe('access_denied')
  expect(new URLSearchParams(requests.at(-1)!.body).get('deny')).toBe('No thanks')
})

it('approves when the deny control is a link, without mistaking the link for the approve button', async () => {
  const { result, error, decisions } = await drive({ deny: 'link' })
  expect(callback(result, error).params.code).toBeDefined()
  expect(decisions).toEqual(['code'])
})

it('signs in through a two-step login: the username page, then the password page', async () => {
  const { result, error, steps, requests } = await drive({ loginSteps: 'two' })
  expect(callback(result, error).params.code).toBeDefined()
  expect(steps.map((step) => step.seen)).toEqual([
    'redirect',
    'username-step',
    'redirect',
    'password-step',
    'redirect',
    'redirect',
    'consent',
    'callback',
  ])
  const posts = requests.filter((request) => request.line === 'POST /login').map((r) => new URLSearchParams(r.body))
  expect(posts[0]!.get('username')).toBe('alice')
  expect(posts[0]!.has('password')).toBe(false)
  expect(posts[1]!.has('password')).toBe(true)
})

it.each(['auto-submit', 'meta-refresh', 'continue'] as const)(
  'passes a %s interstitial after the login',
  async (how) => {
    const { result, error, steps, decisions } = await drive({ interstitial: how })
    expect(callback(result, error).params.code).toBeDefined()
    expect(decisions).toEqual(['code'])
    expect(steps.filter((step) => step.seen === 'interstitial')).toHaveLength(1)
  },
)

it('signs in and consents on pages served and posted at the authorization endpoint itself', async () => {
  for (const loginSteps of ['one', 'two'] as const) {
    const { result, error, requests } = await drive({ sameUrl: true, loginSteps })
    expect(callback(result, error).params.code).toBeDefined()
    expect(requests.every((request) => request.line.endsWith(' /authorize'))).toBe(true)
    await server?.close()
    server = undefined
  }
})

it('accepts a remembered consent: no consent page, straight back to the client', async () => {
  const { result, error } = await drive({ rememberConsent: true })
  expect(callback(result, error)).toMatchObject({ sawLogin: true, sawConsent: false })
})

it('says the password was refused when the same login page comes back with 200, naming the setting to fix', async () => {
  const { error, decisions } = await drive({ wrongPassword: 'same-page' }, { password: 'not-the-password' })
  expect(error).toBeInstanceOf(DriveError)
  expect((error as Error).message).toBe(
    'the login page was shown again after submitting the password for user alice: check users[0].password (the page says: "Invalid username or password.")',
  )
  expect(decisions).toEqual(['wrong password'])
})

it('says the password was refused in a two-step login, whether the password page or the username page comes back', async () => {
  for (const wrongPasswordRestarts of [false, true]) {
    const { error } = await drive({ loginSteps: 'two', wrongPasswordRestarts }, { password: 'nope' })
    expect((error as Error).message).toMatch(
      /^the login page was shown again .* user alice: check users\[0\]\.password/,
    )
    await server?.close()
    server = undefined
  }
})

it('sends a deliberately wrong password first, then the right one, whether the retry page is a 200 or a 401', async () => {
  for (const variant of [
    { wrongPassword: 'same-page' },
    { wrongPassword: 'status' },
    { loginSteps: 'two', sameUrl: true },
    { loginSteps: 'two', wrongPasswordRestarts: true },
  ] as const) {
    const { result, error, decisions } = await drive(variant, { wrongPasswordFirst: true })
    expect(callback(result, error).params.code, JSON.stringify(variant)).toBeDefined()
    expect(decisions).toEqual(['wrong password', 'code'])
    await server?.close()
    server = undefined
  }
})

it("stops on the server's error page (403 for an unregistered redirect_uri) and hands it back to be judged", async () => {
  const { result, error, steps } = await drive({}, { params: { redirect_uri: 'https://evil.example/cb' } })
  expect(error).toBeUndefined()
  expect(result).toMatchObject({ kind: 'page', status: 403, sawLogin: false })
  expect(steps).toHaveLength(1)
  expect(steps[0]).toMatchObject({ seen: 'page', status: 403, title: 'Error' })
})

it('cancels on the login page with the button labelled Cancel', async () => {
  const { result, error, requests } = await drive({}, { decision: 'cancel' })
  expect(callback(result, error).params.error).toBe('access_denied')
  expect(new URLSearchParams(requests.at(-1)!.body).get('action')).toBe('cancel')
})

it('says which setting names the control when a page has no deny or cancel control it can find by its label', async () => {
  const noDeny = await drive({ deny: 'none' }, { decision: 'deny' })
  expect(noDeny.error).toBeInstanceOf(ControlNotFound)
  expect(noDeny.error).toMatchObject({ setting: 'login.consent.deny' })
  expect((noDeny.error as Error).message).toContain('the consent page has no deny control: set "login.consent.deny"')
  await server?.close()
  // The pages of this two-step login have no cancel button.
  const noCancel = await drive({ loginSteps: 'two' }, { decision: 'cancel' })
  expect(noCancel.error).toBeInstanceOf(ControlNotFound)
  expect(noCancel.error).toMatchObject({ setting: 'login.cancel' })
})

it('names a selector that matched nothing and lists the controls the page has instead', async () => {
  const { error } = await drive({ deny: 'form' }, { decision: 'deny', login: { consent: { deny: 'button.deny' } } })
  expect(error).toBeInstanceOf(DriveError)
  // A selector that matches nothing is a mistake in the target file, not a server without the control.
  expect(error).not.toBeInstanceOf(ControlNotFound)
  const message = (error as Error).message
  expect(message).toContain('no deny control matching "button.deny"')
  expect(message).toContain('form#deny-form button')
  expect(message).toContain('"Deny"')
})

it('traces each page with its title and the selectors it used, inferred ones named by a selector that matches them', async () => {
  const { steps } = await drive({ usernameName: 'email' })
  const login = steps.find((step) => step.seen === 'login')!
  expect(login).toMatchObject({ method: 'GET', status: 200, title: 'Sign in' })
  expect(login.selectors).toContainEqual({
    setting: 'login.username',
    selector: 'input[name="email"]',
    source: 'inferred',
    matched: true,
  })
  expect(login.selectors).toContainEqual({
    setting: 'login.password',
    selector: 'input[type=password]',
    source: 'default',
    matched: true,
  })
  expect(login.action).toBe('filled username and password, submitted button[name="action"][value="login"] "Sign in"')
  const last = steps.at(-1)!
  expect(last.seen).toBe('callback')
  // The code in the captured URL is redacted, like every recorded URL.
  expect(last.action).not.toMatch(/code=[0-9a-f]{16}/)
})

it('does not take a login page for a consent page when login.form matches nothing: it stops there and says so', async () => {
  const { result, error, steps, decisions } = await drive({}, { login: { form: 'form#signin' } })
  expect(error).toBeUndefined()
  expect(result).toMatchObject({ kind: 'page', status: 200 })
  expect(decisions).toEqual([])
  expect(steps.at(-1)!.selectors).toContainEqual({
    setting: 'login.form',
    selector: 'form#signin',
    source: 'target file',
    matched: false,
    candidates: ['form.login', 'form[action="/search"]'],
  })
})
