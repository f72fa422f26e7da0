import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MockIdpConfigInput } from '../config/schema.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import {
  Browser,
  callbackParams,
  GUIDE_REQUEST,
  openLogin,
  type Page,
  readPage,
  resolve,
  submit,
} from '../test-support/pages.js'

const INTERSTITIAL_FORM = 'form#interstitial-form'
const servers: Record<string, RunningMockIdp> = {}

function serve(interstitial: NonNullable<MockIdpConfigInput['pages']>['interstitial']) {
  return serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { interstitial } })
}

beforeAll(async () => {
  servers.autoSubmit = await serve('auto-submit')
  servers.metaRefresh = await serve('meta-refresh')
  servers.continue = await serve('continue')
})
afterAll(async () => {
  for (const server of Object.values(servers)) await server.close()
})

/** Signs alice in: the answer to the login post is the interstitial page. */
async function signIn(idp: RunningMockIdp, browser: Browser): Promise<Page> {
  const login = await openLogin(browser, idp.url)
  const response = await submit(browser, login, 'form[data-testid="login-form"]', {
    username: 'alice',
    password: 'wonderland',
  })
  expect(response.status).toBe(200)
  const page = await readPage(login.url, response)
  expect(page.$('main[data-testid="interstitial-page"]')).toHaveLength(1)
  return page
}

/** The response is the redirect to the consent page, which shows alice's consent form. */
async function expectConsent(browser: Browser, response: Response): Promise<void> {
  expect(response.status).toBe(303)
  const consentUrl = response.headers.get('location')!
  expect(new URL(consentUrl).pathname).toBe('/consent')
  const consent = await readPage(consentUrl, await browser.get(consentUrl))
  expect(consent.$('form[data-testid="consent-form"]')).toHaveLength(1)
}

function refreshUrl(page: Page): string {
  const content = page.$('meta[http-equiv="refresh"]').attr('content') ?? ''
  const match = /^0; url=(.+)$/.exec(content)
  expect(match, `meta refresh content "${content}"`).not.toBeNull()
  return resolve(page, match![1])
}

describe('interstitial page between login and consent (pages.interstitial)', () => {
  it('"auto-submit": a form submitted by a nonce-allowed script, with a <noscript> button, leads to consent', async () => {
    const browser = new Browser()
    const page = await signIn(servers.autoSubmit!, browser)
    const nonce = page.$('script').attr('nonce')
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(page.response.headers.get('content-security-policy')).toContain(`script-src 'nonce-${nonce}'`)
    expect(page.response.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(page.$('script').text()).toContain('interstitial-form')
    expect(page.$('noscript').html()).toContain('interstitial-continue')
    await expectConsent(browser, await submit(browser, page, INTERSTITIAL_FORM))
  })

  it('"auto-submit": every response gets a new nonce', async () => {
    const first = await signIn(servers.autoSubmit!, new Browser())
    const second = await signIn(servers.autoSubmit!, new Browser())
    expect(first.$('script').attr('nonce')).not.toBe(second.$('script').attr('nonce'))
  })

  it('"meta-refresh": a meta refresh to a URL with a continue token leads to consent', async () => {
    const browser = new Browser()
    const page = await signIn(servers.metaRefresh!, browser)
    expect(page.$('form')).toHaveLength(0)
    expect(page.$('script')).toHaveLength(0)
    await expectConsent(browser, await browser.get(refreshUrl(page)))
  })

  it('"meta-refresh": the refresh URL needs its token and the browser that signed in', async () => {
    const browser = new Browser()
    const page = await signIn(servers.metaRefresh!, browser)
    const url = new URL(refreshUrl(page))
    expect((await fetch(url, { redirect: 'manual' })).status).toBe(403)
    url.searchParams.set('continue_token', 'A'.repeat(43))
    expect((await browser.get(url.href)).status).toBe(403)
    url.searchParams.delete('continue_token')
    const shownAgain = await readPage(url.href, await browser.get(url.href))
    expect(shownAgain.$('meta[http-equiv="refresh"]')).toHaveLength(1)
  })

  it('"continue": a page with a Continue button leads to consent', async () => {
    const browser = new Browser()
    const page = await signIn(servers.continue!, browser)
    expect(page.$(`${INTERSTITIAL_FORM} button[data-testid="interstitial-continue"]`)).toHaveLength(1)
    expect(page.$('script')).toHaveLength(0)
    await expectConsent(browser, await submit(browser, page, INTERSTITIAL_FORM))
  })

  it('"continue": leads straight back to the client when consent is already remembered', async () => {
    const browser = new Browser()
    const first = await signIn(servers.continue!, browser)
    const consentUrl = (await submit(browser, first, INTERSTITIAL_FORM)).headers.get('location')!
    const consent = await readPage(consentUrl, await browser.get(consentUrl))
    await submit(browser, consent, 'form[data-testid="consent-form"]', { decision: 'approve' })
    const login = await openLogin(browser, servers.continue!.url, { ...GUIDE_REQUEST, prompt: 'login' })
    const again = await submit(browser, login, 'form[data-testid="login-form"]', {
      username: 'alice',
      password: 'wonderland',
    })
    const page = await readPage(login.url, again)
    const back = await submit(browser, page, INTERSTITIAL_FORM)
    expect(back.status).toBe(303)
    expect(callbackParams(back.headers.get('location')!).get('code')).toBeTruthy()
  })

  it('"continue": the form is CSRF-protected', async () => {
    const browser = new Browser()
    const page = await signIn(servers.continue!, browser)
    const forged = await submit(browser, page, INTERSTITIAL_FORM, { csrf: 'A'.repeat(43) })
    expect(forged.status).toBe(403)
  })
})
