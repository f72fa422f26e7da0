import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { Browser, callbackParams, GUIDE_REQUEST, readPage, submit } from '../test-support/pages.js'

const LOGIN_FORM = 'form[data-testid="login-form"]'
const CONSENT_FORM = 'form[data-testid="consent-form"]'

let idp: RunningMockIdp
let withSteps: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { sameUrl: true } })
  withSteps = await serveMockIdp({
    port: 0,
    log: { level: 'silent' },
    pages: { sameUrl: true, loginSteps: 'two', interstitial: 'continue', deny: 'form' },
  })
})
afterAll(async () => {
  await idp.close()
  await withSteps.close()
})

const query = `?${new URLSearchParams(GUIDE_REQUEST)}`

/** Opens the authorization URL: the login page is the answer itself. */
async function openAtAuthorizationUrl(browser: Browser, baseUrl: string) {
  const url = `${baseUrl}/oauth/authorize${query}`
  const response = await browser.get(url)
  expect(response.status).toBe(200)
  return readPage(url, response)
}

describe('login and consent at the authorization URL (pages.sameUrl)', () => {
  it('serves the login page at the authorization URL, its form posting back to it with the same query', async () => {
    const page = await openAtAuthorizationUrl(new Browser(), idp.url)
    expect(page.$(LOGIN_FORM).attr('action')).toBe(`/oauth/authorize${query}`)
  })

  it('answers the login post with the consent page at the same URL, and the consent post with the code', async () => {
    const browser = new Browser()
    const login = await openAtAuthorizationUrl(browser, idp.url)
    const consentResponse = await submit(browser, login, LOGIN_FORM, { username: 'alice', password: 'wonderland' })
    expect(consentResponse.status).toBe(200)
    const consent = await readPage(login.url, consentResponse)
    expect(consent.$(CONSENT_FORM).attr('action')).toBe(`/oauth/authorize${query}`)
    const approved = await submit(browser, consent, CONSENT_FORM, { decision: 'approve' })
    expect(approved.status).toBe(303)
    const params = callbackParams(approved.headers.get('location')!)
    expect(params.get('code')).toBeTruthy()
    expect(params.get('state')).toBe('af0ifjsldkj')
    expect(params.get('iss')).toBe(idp.issuer)
    const sent = idp.provider.recorder.list().map((exchange) => `${exchange.method} ${exchange.endpoint}`)
    expect(sent.slice(-3)).toEqual(['GET authorization', 'POST authorization', 'POST authorization'])
  })

  it('shows the login page again at the same URL after a wrong password', async () => {
    const browser = new Browser()
    const login = await openAtAuthorizationUrl(browser, idp.url)
    const wrong = await submit(browser, login, LOGIN_FORM, { username: 'alice', password: 'builder' })
    expect(wrong.status).toBe(200)
    const again = await readPage(login.url, wrong)
    expect(again.$('[data-testid="login-error"]').text()).toContain('incorrect')
    expect(again.$(LOGIN_FORM).attr('action')).toBe(`/oauth/authorize${query}`)
  })

  it('refuses a forged post to the authorization URL with the CSRF page', async () => {
    const browser = new Browser()
    const login = await openAtAuthorizationUrl(browser, idp.url)
    const forged = await submit(browser, login, LOGIN_FORM, {
      username: 'alice',
      password: 'wonderland',
      csrf: 'A'.repeat(43),
    })
    expect(forged.status).toBe(403)
  })

  it('combines with two-step login, an interstitial and a separate deny form, all at the same URL', async () => {
    const browser = new Browser()
    const first = await openAtAuthorizationUrl(browser, withSteps.url)
    const second = await readPage(
      first.url,
      await submit(browser, first, LOGIN_FORM, { username: 'bob', action: 'next' }),
    )
    expect(second.$(LOGIN_FORM).attr('action')).toBe(`/oauth/authorize${query}`)
    const between = await readPage(
      first.url,
      await submit(browser, second, LOGIN_FORM, { password: 'builder', action: 'login' }),
    )
    expect(between.$('form#interstitial-form').attr('action')).toBe(`/oauth/authorize${query}`)
    const consent = await readPage(first.url, await submit(browser, between, 'form#interstitial-form'))
    expect(consent.$('form#deny-form').attr('action')).toBe(`/oauth/authorize${query}`)
    const denied = await submit(browser, consent, 'form#deny-form', { decision: 'deny' })
    expect(denied.status).toBe(303)
    expect(callbackParams(denied.headers.get('location')!).get('error')).toBe('access_denied')
  })
})
