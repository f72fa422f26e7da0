import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { Browser, callbackParams, openConsent, resolve, submit } from '../test-support/pages.js'

const CONSENT_FORM = 'form[data-testid="consent-form"]'
const DENY_FORM = 'form#deny-form'

let byForm: RunningMockIdp
let byLink: RunningMockIdp
beforeAll(async () => {
  byForm = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { deny: 'form' } })
  byLink = await serveMockIdp({ port: 0, log: { level: 'silent' }, pages: { deny: 'link' } })
})
afterAll(async () => {
  await byForm.close()
  await byLink.close()
})

function expectDenied(response: Response, issuer: string): void {
  expect(response.status).toBe(303)
  const location = response.headers.get('location')!
  expect(location.startsWith('https://client.example.org/cb?')).toBe(true)
  const params = callbackParams(location)
  expect(params.get('error')).toBe('access_denied')
  expect(params.get('state')).toBe('af0ifjsldkj')
  expect(params.get('iss')).toBe(issuer)
  expect(params.get('code')).toBeNull()
}

describe('consent deny control (pages.deny)', () => {
  it('"form": the consent form has no deny button; a separate deny form has one', async () => {
    const { $ } = await openConsent(new Browser(), byForm.url)
    expect($(`${CONSENT_FORM} [data-testid="consent-deny"]`)).toHaveLength(0)
    expect($(`${CONSENT_FORM} button[data-testid="consent-approve"]`)).toHaveLength(1)
    expect($(`${DENY_FORM}[data-testid="deny-form"] button[data-testid="consent-deny"]`).attr('value')).toBe('deny')
    expect($(`${DENY_FORM} input[name="csrf"]`).attr('value')).not.toBe(
      $(`${CONSENT_FORM} input[name="csrf"]`).attr('value'),
    )
  })

  it('"form": submitting the deny form ends with access_denied, state and iss', async () => {
    const browser = new Browser()
    const page = await openConsent(browser, byForm.url)
    expectDenied(await submit(browser, page, DENY_FORM, { decision: 'deny' }), byForm.issuer)
  })

  it('"form": the consent form\'s token does not deny, and the deny form\'s token does not approve', async () => {
    const browser = new Browser()
    const page = await openConsent(browser, byForm.url)
    const wrongForm = await submit(browser, page, CONSENT_FORM, { decision: 'deny' })
    expect(wrongForm.status).toBe(403)
    const approveWithDenyToken = await submit(browser, page, DENY_FORM, { decision: 'approve' })
    expect(approveWithDenyToken.status).toBe(403)
    const approved = await submit(browser, page, CONSENT_FORM, { decision: 'approve' })
    expect(callbackParams(approved.headers.get('location')!).get('code')).toBeTruthy()
  })

  it('"link": a deny link (GET) ends with access_denied, state and iss', async () => {
    const browser = new Browser()
    const page = await openConsent(browser, byLink.url)
    const link = page.$('a[data-testid="consent-deny"]')
    expect(link).toHaveLength(1)
    expect(page.$(`${CONSENT_FORM} [data-testid="consent-deny"]`)).toHaveLength(0)
    expectDenied(await browser.get(resolve(page, link.attr('href'))), byLink.issuer)
  })

  it('"link": the link works once, only in the browser that started the sign-in, and only with its token', async () => {
    const browser = new Browser()
    const page = await openConsent(browser, byLink.url)
    const href = resolve(page, page.$('a[data-testid="consent-deny"]').attr('href'))
    const elsewhere = await fetch(href, { redirect: 'manual' })
    expect(elsewhere.status).toBe(403)
    const forged = new URL(href)
    forged.searchParams.set('deny_token', page.$(`${CONSENT_FORM} input[name="csrf"]`).attr('value')!)
    expect((await browser.get(forged.href)).status).toBe(403)
    expectDenied(await browser.get(href), byLink.issuer)
    const again = await browser.get(href)
    expect(again.status).toBe(400)
  })

  it('"link": the deny token cannot approve', async () => {
    const browser = new Browser()
    const page = await openConsent(browser, byLink.url)
    const token = new URL(resolve(page, page.$('a[data-testid="consent-deny"]').attr('href'))).searchParams.get(
      'deny_token',
    )!
    const approved = await submit(browser, page, CONSENT_FORM, { decision: 'approve', csrf: token })
    expect(approved.status).toBe(403)
  })
})
