import * as cheerio from 'cheerio'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Browser, callbackParams, runLoginFlow } from '../../test/support/login-flow.js'
import { type RunningMockIdp, serveMockIdp } from '../server.js'
import { type CodeRecord, storeKey } from '../store/records.js'

const request = {
  response_type: 'code',
  client_id: 'codeflow-basic',
  redirect_uri: 'http://localhost:3000/callback',
  scope: 'openid email user_profile',
  state: 'consent-state',
  nonce: 'n-1',
}

let idp: RunningMockIdp
beforeAll(async () => {
  idp = await serveMockIdp({ port: 0, log: { level: 'silent' } })
})
afterAll(() => idp.close())

/** Logs alice in and opens the consent page. */
async function openConsent() {
  const browser = new Browser()
  const authorize = await browser.get(`${idp.url}/oauth/authorize?${new URLSearchParams(request)}`)
  const login = cheerio.load(await (await browser.get(authorize.headers.get('location')!)).text())
  const loggedIn = await browser.postForm(`${idp.url}/login`, {
    interaction: login('input[name="interaction"]').attr('value')!,
    csrf: login('input[name="csrf"]').attr('value')!,
    username: 'alice',
    password: 'wonderland',
  })
  const page = await browser.get(loggedIn.headers.get('location')!)
  const $ = cheerio.load(await page.text())
  const fields = {
    interaction: $('input[name="interaction"]').attr('value')!,
    csrf: $('input[name="csrf"]').attr('value')!,
  }
  return { browser, page, $, fields }
}

describe('consent endpoint', () => {
  it('lists the client and each requested scope', async () => {
    const { page, $ } = await openConsent()
    expect(page.status).toBe(200)
    expect($('form[data-testid="consent-form"]').attr('action')).toBe('/consent')
    expect($('body').text()).toContain('Local confidential client (client_secret_basic)')
    expect($('body').text()).toContain('alice')
    expect(
      $('li[data-testid="consent-scope"]')
        .map((_, li) => $(li).attr('data-scope'))
        .get(),
    ).toEqual(['openid', 'email', 'user_profile'])
  })

  it('ends with access_denied, state and iss when the user denies', async () => {
    const { browser, fields } = await openConsent()
    const response = await browser.postForm(`${idp.url}/consent`, { ...fields, decision: 'deny' })
    expect(response.status).toBe(303)
    const params = callbackParams(response.headers.get('location')!)
    expect(Object.fromEntries(params)).toMatchObject({
      error: 'access_denied',
      state: 'consent-state',
      iss: idp.issuer,
    })
  })

  it('issues a code bound to the request when the user approves', async () => {
    const { browser, fields } = await openConsent()
    const response = await browser.postForm(`${idp.url}/consent`, { ...fields, decision: 'approve' })
    expect(response.status).toBe(303)
    const location = response.headers.get('location')!
    expect(location).toMatch(/^http:\/\/localhost:3000\/callback\?code=/)
    const params = callbackParams(location)
    expect(params.get('state')).toBe('consent-state')
    expect(params.get('iss')).toBe(idp.issuer)
    const record = await idp.provider.store.get<CodeRecord>(storeKey.code(params.get('code')!))
    expect(record).toMatchObject({
      clientId: 'codeflow-basic',
      redirectUri: 'http://localhost:3000/callback',
      scope: ['openid', 'email', 'user_profile'],
      sub: '248289761001',
      nonce: 'n-1',
    })
    expect(record).not.toHaveProperty('codeChallenge')
  })

  it('rejects a consent post without the CSRF token', async () => {
    const { browser, fields } = await openConsent()
    const response = await browser.postForm(`${idp.url}/consent`, {
      interaction: fields.interaction,
      decision: 'approve',
    })
    expect(response.status).toBe(403)
    expect(cheerio.load(await response.text())('[data-testid="error-page"]')).toHaveLength(1)
  })

  it('shows a 400 page for a post without a decision', async () => {
    const { browser, fields } = await openConsent()
    const response = await browser.postForm(`${idp.url}/consent`, fields)
    expect(response.status).toBe(400)
    expect(
      cheerio
        .load(await response.text())('[data-testid="error-description"]')
        .text(),
    ).toContain('"decision"')
  })

  it('sends a consent page request for an interaction still at login back to the login page', async () => {
    const browser = new Browser()
    const authorize = await browser.get(`${idp.url}/oauth/authorize?${new URLSearchParams(request)}`)
    const interaction = new URL(authorize.headers.get('location')!).searchParams.get('interaction')!
    const response = await browser.get(`${idp.url}/consent?interaction=${interaction}`)
    expect(response.status).toBe(303)
    expect(response.headers.get('location')).toBe(`${idp.url}/login?interaction=${interaction}`)
  })

  it('remembers consent per client: another client asks again', async () => {
    const first = await runLoginFlow({ baseUrl: idp.url, params: request, username: 'alice', password: 'wonderland' })
    const same = await runLoginFlow({ baseUrl: idp.url, params: request, browser: first.browser })
    expect(same.pages).toEqual([])
    const other = await runLoginFlow({
      baseUrl: idp.url,
      params: { ...request, client_id: 'codeflow-post', scope: 'openid email' },
      browser: first.browser,
    })
    expect(other.pages).toEqual(['consent'])
  })

  it('returns the deny as an error callback through the login-flow helper', async () => {
    const result = await runLoginFlow({
      baseUrl: idp.url,
      params: request,
      username: 'alice',
      password: 'wonderland',
      consent: 'deny',
    })
    expect(result.params.get('error')).toBe('access_denied')
  })
})
