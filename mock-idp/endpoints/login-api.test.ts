import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_COOKIE, csrfToken } from '../authorize/interaction.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { Browser, callbackParams, GUIDE_REQUEST, openLogin, readPage, submit } from '../test-support/pages.js'

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { loginApp: 'json-api' } })
})
afterAll(() => idp.close())

/** Opens the login app and returns what its script reads: the API path and the interaction. */
async function openApp(browser: Browser, params: Record<string, string> = GUIDE_REQUEST) {
  const page = await openLogin(browser, idp.url, params)
  const data = JSON.parse(page.$('script#login-data').text()) as { api: string; interaction: string }
  return { page, api: `${idp.url}${data.api}`, interaction: data.interaction }
}

function postJson(browser: Browser, url: string, body: unknown, headers: Record<string, string> = {}) {
  return browser.request(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function expectJsonError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toContain('application/json')
  const body = (await response.json()) as { error: string; error_description: string }
  expect(body.error).toBe(error)
  expect(body.error_description).not.toMatch(/\n\s+at /)
}

describe('JSON login API (pages.loginApp "json-api")', () => {
  it('serves a script app with no form in its HTML, allowed by a nonce and connect-src self', async () => {
    const { page, api } = await openApp(new Browser())
    expect(page.$('form')).toHaveLength(0)
    expect(page.$('[data-testid="login-app"]')).toHaveLength(1)
    expect(api).toBe(`${idp.url}/login/api`)
    const csp = page.response.headers.get('content-security-policy')!
    expect(csp).toContain(`script-src 'nonce-${page.$('script[nonce]').attr('nonce')}'`)
    expect(csp).toContain("connect-src 'self'")
    expect(page.$('script[nonce]').text()).toContain("'Content-Type': 'application/json'")
  })

  it('answers the right credentials with the consent page to go to, and the flow completes', async () => {
    const browser = new Browser()
    const { api, interaction } = await openApp(browser)
    const response = await postJson(browser, api, { interaction, username: 'alice', password: 'wonderland' })
    expect(response.status).toBe(200)
    const { redirect } = (await response.json()) as { redirect: string }
    expect(redirect).toBe(`${idp.url}/consent?interaction=${interaction}`)
    const consent = await readPage(redirect, await browser.get(redirect))
    const approved = await submit(browser, consent, 'form[data-testid="consent-form"]', { decision: 'approve' })
    const params = callbackParams(approved.headers.get('location')!)
    expect(params.get('code')).toBeTruthy()
    expect(params.get('state')).toBe('af0ifjsldkj')
  })

  it('refuses a wrong password with 401 JSON, and accepts the right one after', async () => {
    const browser = new Browser()
    const { api, interaction } = await openApp(browser)
    await expectJsonError(
      await postJson(browser, api, { interaction, username: 'alice', password: 'builder' }),
      401,
      'invalid_credentials',
    )
    const retry = await postJson(browser, api, { interaction, username: 'alice', password: 'wonderland' })
    expect(retry.status).toBe(200)
  })

  it('goes straight on to the code when consent is remembered', async () => {
    const browser = new Browser()
    const first = await openApp(browser)
    const signedIn = await postJson(browser, first.api, {
      interaction: first.interaction,
      username: 'alice',
      password: 'wonderland',
    })
    const consentUrl = ((await signedIn.json()) as { redirect: string }).redirect
    const consent = await readPage(consentUrl, await browser.get(consentUrl))
    await submit(browser, consent, 'form[data-testid="consent-form"]', { decision: 'approve' })
    const second = await openApp(browser, { ...GUIDE_REQUEST, prompt: 'login' })
    const response = await postJson(browser, second.api, {
      interaction: second.interaction,
      username: 'alice',
      password: 'wonderland',
    })
    const { redirect } = (await response.json()) as { redirect: string }
    expect(redirect).toContain('continue_token=')
    const back = await browser.get(redirect)
    expect(back.status).toBe(303)
    expect(callbackParams(back.headers.get('location')!).get('code')).toBeTruthy()
  })

  it('answers a cancel with the access_denied redirect, with state and iss', async () => {
    const browser = new Browser()
    const { api, interaction } = await openApp(browser)
    const response = await postJson(browser, api, { interaction, action: 'cancel' })
    const { redirect } = (await response.json()) as { redirect: string }
    const params = callbackParams(redirect)
    expect(params.get('error')).toBe('access_denied')
    expect(params.get('state')).toBe('af0ifjsldkj')
    expect(params.get('iss')).toBe(idp.issuer)
  })

  it('answers malformed requests with JSON errors, never a 500', async () => {
    const browser = new Browser()
    const { api, interaction } = await openApp(browser)
    const good = { interaction, username: 'alice', password: 'wonderland' }
    const form = await browser.request(api, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(good).toString(),
    })
    await expectJsonError(form, 415, 'invalid_request')
    await expectJsonError(await postJson(browser, api, '{"interaction":'), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, '[]'), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, { interaction, username: 'alice' }), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, { ...good, password: 42 }), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, { ...good, admin: true }), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, { ...good, username: 'x'.repeat(5000) }), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, { ...good, interaction: 'nope' }), 400, 'invalid_request')
    await expectJsonError(await postJson(browser, api, 'x'.repeat(20000)), 413, 'invalid_request')
  })

  it('refuses another browser and another origin', async () => {
    const browser = new Browser()
    const { api, interaction } = await openApp(browser)
    const body = { interaction, username: 'alice', password: 'wonderland' }
    await expectJsonError(await postJson(new Browser(), api, body), 403, 'invalid_request')
    await expectJsonError(
      await postJson(browser, api, body, { Origin: 'https://attacker.example' }),
      403,
      'invalid_request',
    )
    expect((await postJson(browser, api, body, { Origin: new URL(idp.url).origin })).status).toBe(200)
  })

  it('refuses the credentials as a form post to the login page', async () => {
    const browser = new Browser()
    const { interaction } = await openApp(browser)
    const browserId = (await browser.cookie(idp.url, BROWSER_COOKIE))!
    const response = await browser.postForm(`${idp.url}/login`, {
      interaction,
      csrf: csrfToken(idp.provider.secret, interaction, browserId),
      username: 'alice',
      password: 'wonderland',
    })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('JSON API (/login/api)')
  })
})
