import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { Browser, callbackParams, openLogin, readPage, submit } from '../test-support/pages.js'

const LOGIN_FORM = 'form[data-testid="login-form"]'

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { loginSteps: 'two' } })
})
afterAll(() => idp.close())

/** Step one: the username page, answered with the password page. */
async function passwordPage(browser: Browser, username: string) {
  const first = await openLogin(browser, idp.url)
  const next = await submit(browser, first, LOGIN_FORM, { username, action: 'next' })
  expect(next.status).toBe(200)
  return readPage(first.url, next)
}

describe('two-step login (pages.loginSteps "two")', () => {
  it('asks for the username only, with a Next button', async () => {
    const { $ } = await openLogin(new Browser(), idp.url)
    expect($(`${LOGIN_FORM} input[data-testid="login-username"]`)).toHaveLength(1)
    expect($(`${LOGIN_FORM} input[type="password"]`)).toHaveLength(0)
    expect($('button[data-testid="login-next"]').attr('value')).toBe('next')
    expect($('button[data-testid="login-submit"]')).toHaveLength(0)
  })

  it('then asks for the password of the user named at step one, and completes', async () => {
    const browser = new Browser()
    const second = await passwordPage(browser, 'alice')
    expect(second.$('[data-testid="login-identity"]').text()).toContain('alice')
    expect(second.$(`${LOGIN_FORM} input[name="username"]`)).toHaveLength(0)
    expect(second.$(`${LOGIN_FORM} input[data-testid="login-password"]`).attr('type')).toBe('password')
    const signedIn = await submit(browser, second, LOGIN_FORM, { password: 'wonderland', action: 'login' })
    expect(signedIn.status).toBe(303)
    const consentUrl = signedIn.headers.get('location')!
    expect(consentUrl).toContain('/consent?interaction=')
    const consent = await readPage(consentUrl, await browser.get(consentUrl))
    const approved = await submit(browser, consent, 'form[data-testid="consent-form"]', { decision: 'approve' })
    const params = callbackParams(approved.headers.get('location')!)
    expect(params.get('code')).toBeTruthy()
    expect(params.get('state')).toBe('af0ifjsldkj')
  })

  it('refuses a wrong password at step two and shows the password page again', async () => {
    const browser = new Browser()
    const second = await passwordPage(browser, 'alice')
    const wrong = await submit(browser, second, LOGIN_FORM, { password: 'builder', action: 'login' })
    expect(wrong.status).toBe(200)
    const again = await readPage(second.url, wrong)
    expect(again.$('[data-testid="login-error"]').text()).toContain('incorrect')
    expect(again.$('[data-testid="login-identity"]').text()).toContain('alice')
    expect(again.$('input[data-testid="login-password"]')).toHaveLength(1)
  })

  it('shows the password page for an unknown username too, and refuses it there', async () => {
    const browser = new Browser()
    const second = await passwordPage(browser, 'nobody')
    expect(second.$('input[data-testid="login-password"]')).toHaveLength(1)
    const refused = await submit(browser, second, LOGIN_FORM, { password: 'wonderland', action: 'login' })
    expect(await refused.text()).toContain('incorrect')
  })

  it('keeps the identified user across a reload of the login page', async () => {
    const browser = new Browser()
    const second = await passwordPage(browser, 'bob')
    const reloaded = await readPage(second.url, await browser.get(second.url))
    expect(reloaded.$('[data-testid="login-identity"]').text()).toContain('bob')
  })

  it('does not take a password before the username step', async () => {
    const browser = new Browser()
    const first = await openLogin(browser, idp.url)
    const skipped = await submit(browser, first, LOGIN_FORM, {
      username: 'alice',
      password: 'wonderland',
      action: 'login',
    })
    expect(skipped.status).toBe(200)
    expect(await skipped.text()).toContain('Enter your username first.')
  })
})
