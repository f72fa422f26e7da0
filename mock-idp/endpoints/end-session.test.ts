import * as cheerio from 'cheerio'
import { SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Browser, callbackParams, runLoginFlow } from '../../test/support/login-flow.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'

const request = {
  response_type: 'code',
  client_id: 's6BhdRkqt3',
  redirect_uri: 'https://client.example.org/cb',
  scope: 'openid',
  state: 's',
}
const LOGGED_OUT = 'https://client.example.org/logged-out'

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(() => idp.close())

async function signedIn(): Promise<Browser> {
  return (await runLoginFlow({ baseUrl: idp.url, params: request, username: 'alice', password: 'wonderland' })).browser
}

async function idToken(claims: Record<string, unknown> = {}): Promise<string> {
  const key = idp.provider.keys.signingKey('RS256')
  return new SignJWT({ sub: '248289761001', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer((claims.iss as string | undefined) ?? idp.issuer)
    .setAudience((claims.aud as string | undefined) ?? 's6BhdRkqt3')
    .setIssuedAt(1_700_000_000)
    .setExpirationTime(1_700_000_600) // long expired: hints may be expired
    .sign(key.privateKey)
}

async function stillSignedIn(browser: Browser): Promise<boolean> {
  const response = await browser.get(
    `${idp.url}/oauth/authorize?${new URLSearchParams({ ...request, prompt: 'none' })}`,
  )
  return callbackParams(response.headers.get('location')!).has('code')
}

function logoutUrl(params: Record<string, string>): string {
  return `${idp.url}/oauth/logout?${new URLSearchParams(params)}`
}

/** Without id_token_hint the mock asks first: answer its confirmation form like a user would. */
async function confirmLogout(
  browser: Browser,
  params: Record<string, string>,
  answer: 'yes' | 'no' = 'yes',
): Promise<Response> {
  const page = await browser.get(logoutUrl(params))
  expect(page.status).toBe(200)
  const $ = cheerio.load(await page.text())
  const form = $('[data-testid="logout-confirm-form"]')
  expect(form).toHaveLength(1)
  const fields: Array<[string, string]> = form
    .find('input[type=hidden]')
    .toArray()
    .map((input) => [$(input).attr('name')!, $(input).attr('value') ?? ''])
  return browser.postForm(new URL(form.attr('action')!, idp.url).toString(), [...fields, ['confirm', answer]])
}

describe('end-session endpoint', () => {
  it('signs the user out and shows the signed-out page without a redirect target', async () => {
    const browser = await signedIn()
    expect(await stillSignedIn(browser)).toBe(true)
    const response = await confirmLogout(browser, {})
    expect(response.status).toBe(200)
    expect(cheerio.load(await response.text())('[data-testid="signed-out-page"]')).toHaveLength(1)
    const cleared = response.headers.getSetCookie().find((cookie) => cookie.startsWith('codeflow_session='))
    expect(cleared).toContain('Max-Age=0')
    expect(await stillSignedIn(browser)).toBe(false)
  })

  it('deletes the session record, so an old cookie no longer works', async () => {
    const browser = await signedIn()
    const cookie = await browser.cookie(idp.url, 'codeflow_session')
    await confirmLogout(browser, {})
    const replay = await fetch(`${idp.url}/oauth/authorize?${new URLSearchParams({ ...request, prompt: 'none' })}`, {
      redirect: 'manual',
      headers: { Cookie: `codeflow_session=${cookie}` },
    })
    expect(callbackParams(replay.headers.get('location')!).get('error')).toBe('login_required')
  })

  it('redirects to a registered post_logout_redirect_uri with state, identified by client_id', async () => {
    const browser = await signedIn()
    const response = await confirmLogout(browser, {
      client_id: 's6BhdRkqt3',
      post_logout_redirect_uri: LOGGED_OUT,
      state: 'bye +/',
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${LOGGED_OUT}?state=bye%20%2B%2F`)
    expect(await stillSignedIn(browser)).toBe(false)
  })

  it('identifies the client by the audience of a valid, even expired, id_token_hint', async () => {
    const response = await fetch(logoutUrl({ id_token_hint: await idToken(), post_logout_redirect_uri: LOGGED_OUT }), {
      redirect: 'manual',
    })
    expect(response.headers.get('location')).toBe(LOGGED_OUT)
  })

  it('accepts a POST with form parameters', async () => {
    const response = await fetch(`${idp.url}/oauth/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id_token_hint: await idToken(), post_logout_redirect_uri: LOGGED_OUT }).toString(),
    })
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(LOGGED_OUT)
  })

  it('asks for confirmation without id_token_hint and keeps the session until the user agrees', async () => {
    const browser = await signedIn()
    const page = await browser.get(logoutUrl({ client_id: 's6BhdRkqt3', post_logout_redirect_uri: LOGGED_OUT }))
    expect(page.status).toBe(200)
    expect(page.headers.get('location')).toBeNull()
    expect(cheerio.load(await page.text())('[data-testid="logout-confirm"]')).toHaveLength(1)
    expect(await stillSignedIn(browser)).toBe(true)
    const declined = await confirmLogout(browser, {}, 'no')
    expect(cheerio.load(await declined.text())('[data-testid="still-signed-in-page"]')).toHaveLength(1)
    expect(await stillSignedIn(browser)).toBe(true)
  })

  it('refuses a confirmation that did not come from its own form (logout CSRF)', async () => {
    const browser = await signedIn()
    const forged = await browser.postForm(`${idp.url}/oauth/logout`, { confirm: 'yes', csrf: 'forged' })
    expect(forged.status).toBe(403)
    expect(await stillSignedIn(browser)).toBe(true)
  })

  it('shows an error page for an unregistered post_logout_redirect_uri, never redirecting there', async () => {
    const response = await fetch(
      logoutUrl({ client_id: 's6BhdRkqt3', post_logout_redirect_uri: 'https://evil.example/' }),
      { redirect: 'manual' },
    )
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
    const text = cheerio
      .load(await response.text())('[data-testid="error-description"]')
      .text()
    expect(text).toContain('"https://evil.example/"')
    expect(text).toContain(LOGGED_OUT)
  })

  it('shows an error page for a post_logout_redirect_uri without a way to identify the client', async () => {
    const response = await fetch(logoutUrl({ post_logout_redirect_uri: LOGGED_OUT }), { redirect: 'manual' })
    expect(response.status).toBe(400)
  })

  it('shows an error page for an id_token_hint with a bad signature', async () => {
    const token = await idToken()
    const [header, payload] = token.split('.')
    const response = await fetch(logoutUrl({ id_token_hint: `${header}.${payload}.${'A'.repeat(342)}` }), {
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
    expect(
      cheerio
        .load(await response.text())('[data-testid="error-description"]')
        .text(),
    ).toContain('id_token_hint')
  })

  it('shows an error page for an id_token_hint from another issuer', async () => {
    const response = await fetch(logoutUrl({ id_token_hint: await idToken({ iss: 'https://other.example' }) }), {
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
  })

  it('shows an error page when client_id does not match the hint audience', async () => {
    const response = await fetch(logoutUrl({ id_token_hint: await idToken(), client_id: 'codeflow-basic' }), {
      redirect: 'manual',
    })
    expect(response.status).toBe(400)
    expect(
      cheerio
        .load(await response.text())('[data-testid="error-description"]')
        .text(),
    ).toContain('audience')
  })

  it('answers garbage id_token_hint values with an error page, not a 500', async () => {
    for (const hint of ['x', 'a.b.c', 'e30.e30.', '....', 'bnVsbA.bnVsbA.bnVsbA']) {
      const response = await fetch(logoutUrl({ id_token_hint: hint }), { redirect: 'manual' })
      expect(response.status, hint).toBe(400)
    }
  })
})
