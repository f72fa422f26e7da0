import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, callbackParams, runLoginFlow } from '../../test/support/login-flow.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { type SessionRecord, storeKey } from '../store/records.js'

const guide = {
  response_type: 'code',
  client_id: 's6BhdRkqt3',
  redirect_uri: 'https://client.example.org/cb',
  scope: 'openid profile',
  state: 'st-1',
}

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(() => idp.close())

/** Starts an authorization and opens the login page: the browser, the page and its form fields. */
async function openLogin(params: Record<string, string> = guide) {
  const browser = new Browser()
  const authorize = await browser.get(`${idp.url}/oauth/authorize?${new URLSearchParams(params)}`)
  expect(authorize.status).toBe(302)
  const loginUrl = authorize.headers.get('location')!
  const page = await browser.get(loginUrl)
  const $ = cheerio.load(await page.text())
  const fields = {
    interaction: $('input[name="interaction"]').attr('value')!,
    csrf: $('input[name="csrf"]').attr('value')!,
  }
  return { browser, loginUrl, page, $, fields }
}

describe('login endpoint', () => {
  it('redirects the authorization request to the login page with an interaction id', async () => {
    const response = await fetch(`${idp.url}/oauth/authorize?${new URLSearchParams(guide)}`, { redirect: 'manual' })
    expect(response.headers.get('location')).toMatch(new RegExp(`^${idp.url}/login\\?interaction=[A-Za-z0-9_-]{43}$`))
  })

  it('shows the login form with its hooks, the interaction and a CSRF token', async () => {
    const { page, $, fields } = await openLogin()
    expect(page.status).toBe(200)
    expect($('form[data-testid="login-form"]').attr('action')).toBe('/login')
    expect($('form[data-testid="login-form"]').attr('method')).toBe('post')
    expect(fields.interaction).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(fields.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect($('strong').first().text()).toBe('Integration guide sample client')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'")
  })

  it('shows the form again after a wrong password, keeping the username and never the password', async () => {
    const { browser, fields } = await openLogin()
    const wrong = await browser.postForm(`${idp.url}/login`, {
      ...fields,
      username: 'alice',
      password: 'not-her-password',
    })
    expect(wrong.status).toBe(200)
    const html = await wrong.text()
    expect(html).not.toContain('not-her-password')
    const $ = cheerio.load(html)
    expect($('p[role="alert"][data-testid="login-error"]').text()).toContain('incorrect')
    expect($('input[data-testid="login-username"]').attr('value')).toBe('alice')
    const retry = await browser.postForm(`${idp.url}/login`, {
      interaction: $('input[name="interaction"]').attr('value')!,
      csrf: $('input[name="csrf"]').attr('value')!,
      username: 'alice',
      password: 'wonderland',
    })
    expect(retry.status).toBe(303)
    expect(retry.headers.get('location')).toBe(`${idp.url}/consent?interaction=${fields.interaction}`)
  })

  it('counts failed attempts in the error message', async () => {
    const { browser, fields } = await openLogin()
    await browser.postForm(`${idp.url}/login`, { ...fields, username: 'alice', password: 'x' })
    const second = await browser.postForm(`${idp.url}/login`, { ...fields, username: 'nobody', password: 'x' })
    expect(
      cheerio
        .load(await second.text())('[data-testid="login-error"]')
        .text(),
    ).toContain('2 failed attempts')
  })

  it('asks again when the username or password is missing', async () => {
    const { browser, fields } = await openLogin()
    const response = await browser.postForm(`${idp.url}/login`, { ...fields, username: 'alice' })
    expect(response.status).toBe(200)
    expect(
      cheerio
        .load(await response.text())('[data-testid="login-error"]')
        .text(),
    ).toContain('Enter your username')
  })

  it('sets an HttpOnly, SameSite=Lax session cookie with the session lifetime, not Secure over http', async () => {
    const { browser, fields } = await openLogin()
    const response = await browser.postForm(`${idp.url}/login`, {
      ...fields,
      username: 'alice',
      password: 'wonderland',
    })
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith('codeflow_session='))!
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).toContain('Path=/')
    expect(cookie).toContain('Max-Age=28800')
    expect(cookie).not.toContain('Secure')
    const sessionId = decodeURIComponent(cookie.split(';')[0]!.split('=')[1]!)
    const session = await idp.provider.store.get<SessionRecord>(storeKey.session(sessionId))
    expect(session?.sub).toBe('248289761001')
  })

  it('ends with access_denied, state and iss when the user cancels', async () => {
    const { browser, fields } = await openLogin()
    const response = await browser.postForm(`${idp.url}/login`, { ...fields, action: 'cancel' })
    expect(response.status).toBe(303)
    const params = callbackParams(response.headers.get('location')!)
    expect(params.get('error')).toBe('access_denied')
    expect(params.get('state')).toBe('st-1')
    expect(params.get('iss')).toBe(idp.issuer)
  })

  it('rejects a login post without the browser cookie with a 403 page explaining the fix', async () => {
    const { fields } = await openLogin()
    const response = await fetch(`${idp.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, username: 'alice', password: 'wonderland' }).toString(),
    })
    expect(response.status).toBe(403)
    const $ = cheerio.load(await response.text())
    expect($('[data-testid="error-description"]').text()).toContain('codeflow_browser')
    expect($('[data-testid="error-help"]').text()).toContain('Allow cookies')
  })

  it('rejects a login post with a forged CSRF token', async () => {
    const { browser, fields } = await openLogin()
    const response = await browser.postForm(`${idp.url}/login`, {
      ...fields,
      csrf: 'A'.repeat(43),
      username: 'alice',
      password: 'wonderland',
    })
    expect(response.status).toBe(403)
  })

  it("rejects another browser's post to this interaction", async () => {
    const { fields } = await openLogin()
    const other = await openLogin()
    const response = await other.browser.postForm(`${idp.url}/login`, {
      ...fields,
      username: 'alice',
      password: 'wonderland',
    })
    expect(response.status).toBe(403)
  })

  it('shows a 400 page for a missing or unknown interaction', async () => {
    const missing = await fetch(`${idp.url}/login`)
    expect(missing.status).toBe(400)
    expect(
      cheerio
        .load(await missing.text())('[data-testid="error-description"]')
        .text(),
    ).toContain('"interaction"')
    const unknown = await fetch(`${idp.url}/login?interaction=nope`)
    expect(unknown.status).toBe(400)
    expect(
      cheerio
        .load(await unknown.text())('[data-testid="error-description"]')
        .text(),
    ).toContain('expired or is unknown')
  })

  it('cannot be replayed once the interaction has finished', async () => {
    const { browser, fields } = await openLogin({
      ...guide,
      client_id: 'codeflow-basic',
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid',
    })
    const login = await browser.postForm(`${idp.url}/login`, { ...fields, username: 'bob', password: 'builder' })
    const consentUrl = login.headers.get('location')!
    const page = cheerio.load(await (await browser.get(consentUrl)).text())
    const consent = {
      interaction: page('input[name="interaction"]').attr('value')!,
      csrf: page('input[name="csrf"]').attr('value')!,
    }
    const approved = await browser.postForm(`${idp.url}/consent`, { ...consent, decision: 'approve' })
    expect(approved.status).toBe(303)
    const replay = await browser.postForm(`${idp.url}/consent`, { ...consent, decision: 'approve' })
    expect(replay.status).toBe(400)
    const relogin = await browser.postForm(`${idp.url}/login`, { ...fields, username: 'bob', password: 'builder' })
    expect(relogin.status).toBe(400)
  })

  it('goes straight back to the client when consent is already remembered', async () => {
    const first = await runLoginFlow({ baseUrl: idp.url, params: guide, username: 'alice', password: 'wonderland' })
    const second = await runLoginFlow({
      baseUrl: idp.url,
      params: { ...guide, prompt: 'login' },
      browser: first.browser,
      username: 'alice',
      password: 'wonderland',
    })
    expect(second.pages).toEqual(['login'])
    expect(second.params.get('code')).toBeTruthy()
  })

  it('answers a login page request with a non-form body with an error page, not a 500', async () => {
    const { browser } = await openLogin()
    const response = await browser.request(`${idp.url}/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"username":"alice"}',
    })
    expect(response.status).toBe(400)
    expect(cheerio.load(await response.text())('[data-testid="error-page"]')).toHaveLength(1)
  })
})
