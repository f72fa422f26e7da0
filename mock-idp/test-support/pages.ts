/**
 * Test helpers for the sign-in pages and their variants (config `pages`, docs/page-variants.md):
 * a browser with a cookie jar, the authorization request of the integration guide, and reading
 * a page's forms through their documented hooks.
 */
import * as cheerio from 'cheerio'
import { expect } from 'vitest'
import type { Browser } from '../testing/login-flow.js'

export { Browser, callbackParams } from '../testing/login-flow.js'

/** The integration guide's authorization request (fixtures/seed-samples.ts has it as written). */
export const GUIDE_REQUEST = {
  response_type: 'code',
  client_id: 's6BhdRkqt3',
  redirect_uri: 'https://client.example.org/cb',
  scope: 'openid profile',
  state: 'af0ifjsldkj',
}

export interface Page {
  url: string
  response: Response
  $: cheerio.CheerioAPI
}

/** Reads a page's HTML with cheerio. */
export async function readPage(url: string, response: Response): Promise<Page> {
  return { url, response, $: cheerio.load(await response.text()) }
}

/** The fields a form posts without any button: its inputs with their values. */
export function formFields($: cheerio.CheerioAPI, form: string): Record<string, string> {
  const found = $(form)
  expect(found, `no form matches ${form}`).toHaveLength(1)
  const fields: Record<string, string> = {}
  found.find('input[name]').each((_, input) => {
    fields[$(input).attr('name')!] = $(input).attr('value') ?? ''
  })
  return fields
}

/** Resolves a form's action (or a link) against the page it is on. */
export function resolve(page: Page, target: string | undefined): string {
  expect(target, 'the form has no action').toBeDefined()
  return new URL(target!, page.url).href
}

/** Starts an authorization in `browser` and follows the redirect to the login page. */
export async function openLogin(
  browser: Browser,
  baseUrl: string,
  params: Record<string, string> = GUIDE_REQUEST,
): Promise<Page> {
  const authorize = await browser.get(`${baseUrl}/oauth/authorize?${new URLSearchParams(params)}`)
  expect(authorize.status).toBe(302)
  const loginUrl = authorize.headers.get('location')!
  return readPage(loginUrl, await browser.get(loginUrl))
}

/** Posts the form `form` of `page` with `extra` fields (e.g. the button's name=value). */
export async function submit(
  browser: Browser,
  page: Page,
  form: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  return browser.postForm(resolve(page, page.$(form).attr('action')), { ...formFields(page.$, form), ...extra })
}

/** Signs `username` in on a one-step login page and opens the consent page it leads to. */
export async function openConsent(
  browser: Browser,
  baseUrl: string,
  params: Record<string, string> = GUIDE_REQUEST,
  username = 'alice',
  password = 'wonderland',
): Promise<Page> {
  const login = await openLogin(browser, baseUrl, params)
  const signedIn = await submit(browser, login, 'form[data-testid="login-form"]', { username, password })
  expect(signedIn.status).toBe(303)
  const consentUrl = signedIn.headers.get('location')!
  return readPage(consentUrl, await browser.get(consentUrl))
}
