// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * Each login driver of the conformance suite, against a real server (the mock IdP on a real
 * port): form (plain HTTP), browser (a real Chromium through Playwright) and module (a login
 * function of the target's own, test/support/http-login-module.ts). Each logs in, consents, and
 * hands back the code, which the token endpoint accepts; the redirect to the client is captured,
 * never followed. No browser is a setup failure with an install hint, never a skip.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { createDriver } from '../../suites/drivers/create-driver.js'
import type { AuthorizeResult, LoginDriver } from '../../suites/drivers/driver.js'
import { buildAuthorizationRequest } from '../../suites/flows/authorization-request.js'
import { HttpClient } from '../../suites/harness/http-client.js'
import { targetSecrets } from '../../suites/harness/run-suite.js'
import { parseTargetFile, type TargetFile } from '../../suites/harness/target.js'

const SUPPORT_DIR = fileURLToPath(new URL('../support/', import.meta.url))

const LOGINS: Record<string, unknown> = {
  form: undefined, // the mock's own target file
  'form (no selectors)': {}, // every selector inferred from the pages
  browser: {
    driver: 'browser',
    steps: [
      { fill: '[data-testid=login-username]', value: '${username}' },
      { fill: '[data-testid=login-password]', value: '${password}' },
      { click: '[data-testid=login-submit]' },
    ],
    consent: {
      form: 'form[data-testid=consent-form]',
      submit: 'button[data-testid=consent-approve]',
      deny: 'button[data-testid=consent-deny]',
    },
  },
  module: { driver: 'module', module: 'http-login-module.ts' },
}

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

function targetWith(login: unknown): TargetFile {
  const file = idp.targetFile()
  return parseTargetFile(login ? { ...file, login } : file)
}

async function withDriver<T>(
  login: unknown,
  use: (driver: LoginDriver, http: HttpClient, target: TargetFile) => Promise<T>,
) {
  const target = targetWith(login)
  const http = new HttpClient({ timeoutMs: 10_000, secrets: targetSecrets(target) })
  const driver = await createDriver(target, http, SUPPORT_DIR)
  try {
    return await use(driver, http, target)
  } finally {
    await driver.close?.()
  }
}

function request(target: TargetFile, extra: Record<string, string> = {}) {
  const client = target.clients.find((c) => c.client_id === 'codeflow-basic')!
  const authorizationEndpoint = `${idp.issuer}/oauth/authorize`
  const built = buildAuthorizationRequest({ authorizationEndpoint, client, scope: 'openid profile', overrides: extra })
  return { client, built }
}

async function redeem(code: string, client: TargetFile['clients'][number], redirectUri: string, verifier?: string) {
  return fetch(`${idp.url}/auth/token`, {
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

function callbackOf(result: AuthorizeResult) {
  if (result.kind !== 'callback')
    throw new Error(`expected a callback, got a page (${result.status}): ${result.html.slice(0, 300)}`)
  return result
}

describe.each(Object.keys(LOGINS))('the %s login driver', (name) => {
  it('logs in and consents, returns the code with state and iss, and the token endpoint accepts the code', async () => {
    await withDriver(LOGINS[name], async (driver, http, target) => {
      const { client, built } = request(target)
      const result = callbackOf(
        await driver.authorize({
          url: built.url,
          user: target.users[0]!,
          jar: http.newJar(),
          clientUris: client.redirect_uris,
          label: `${name} driver`,
        }),
      )
      expect(result.params.state).toBe(built.state)
      expect(result.params.iss).toBe(idp.issuer)
      expect(result.mode).toBe('query')
      expect(result.sawLogin).toBe(true)
      const response = await redeem(result.params.code!, client, built.redirectUri, built.codeVerifier)
      expect(response.status, await response.clone().text()).toBe(200)
      // Recorded, and redacted: no password, no code in the evidence.
      expect(result.exchanges.length).toBeGreaterThan(0)
      const evidence = JSON.stringify(http.exchanges)
      expect(evidence).not.toContain(target.users[0]!.password)
      expect(evidence).not.toContain(result.params.code)
    })
  })
})

describe('the browser login driver', () => {
  it('keeps the session of a cookie jar (no second login, shared with HTTP) and reports a denied consent as access_denied', async () => {
    await withDriver(LOGINS.browser, async (driver, http, target) => {
      const jar = http.newJar()
      const first = request(target)
      const input = { user: target.users[0]!, jar, clientUris: first.client.redirect_uris, label: 'browser session' }
      callbackOf(await driver.authorize({ ...input, url: first.built.url }))
      const again = callbackOf(await driver.authorize({ ...input, url: request(target).built.url }))
      expect(again.sawLogin).toBe(false)
      expect(again.params.code).toBeDefined()

      // The jar mirrors the browser's session: a plain HTTP request with it is signed in too.
      const overHttp = await http.send({ url: request(target, { prompt: 'none' }).built.url, jar, label: 'over HTTP' })
      expect(overHttp.status).toBe(302)
      expect(new URL(overHttp.headers.get('location')!).searchParams.has('code')).toBe(true)

      const denied = callbackOf(
        await driver.authorize({
          ...input,
          jar: http.newJar(),
          url: request(target, { prompt: 'consent' }).built.url,
          decision: 'deny',
        }),
      )
      expect(denied.params.error).toBe('access_denied')
    })
  })

  it('captures a form_post response without loading the client', async () => {
    await withDriver(LOGINS.browser, async (driver, http, target) => {
      const { client, built } = request(target, { response_mode: 'form_post' })
      const result = callbackOf(
        await driver.authorize({
          url: built.url,
          user: target.users[0]!,
          jar: http.newJar(),
          clientUris: client.redirect_uris,
          label: 'form_post',
        }),
      )
      expect(result.mode).toBe('form_post')
      expect(result.params.state).toBe(built.state)
      expect(result.params.code).toBeDefined()
    })
  })
})
