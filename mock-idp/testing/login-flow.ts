/**
 * `codeflow/testing`: drives the mock IdP's front channel over plain HTTP, the way a browser would: authorization
 * request → login form → consent form → the redirect back to the client, which is captured and
 * never followed (redirect URIs need not resolve). Cookies live in a small tough-cookie jar;
 * forms are read with cheerio through the documented data-testid hooks.
 *
 * Signatures (the contract other tests and the bench rely on):
 *
 *   authorizeAndLogin(options: AuthorizeAndLoginOptions): Promise<string>
 *     → the final callback URL. For response_mode=form_post: the form's action with the posted
 *       fields appended as a query, so `callbackParams(url)` reads every mode alike.
 *   runLoginFlow(options: AuthorizeAndLoginOptions): Promise<LoginFlowResult>
 *     → the same, with the response parameters, the mode, the pages passed and the Browser.
 *   callbackParams(url: string): URLSearchParams
 *     → the authorization response parameters of a callback URL (query or fragment).
 *
 *   AuthorizeAndLoginOptions = {
 *     baseUrl: string                        // the IdP's issuer / base URL
 *     params: Record<string, string>         // authorization request parameters
 *     username?: string; password?: string   // typed into the login page if it appears
 *     consent?: 'approve' | 'deny'           // button pressed on the consent page (default approve)
 *     authorizationEndpoint?: string         // default `${baseUrl}/oauth/authorize`
 *     method?: 'GET' | 'POST'                // how the authorization request is sent (default GET)
 *     paramsIn?: 'body' | 'query'            // for POST: form body (default) or query string, as in
 *                                            // the integration guide's sample
 *     browser?: Browser                      // reuse cookies (an existing IdP session) across flows
 *     fetch?: FetchLike                      // e.g. an in-process app's fetch; default global fetch
 *   }
 *
 * A failure to drive the pages (error page, rejected login, unexpected response) throws a
 * LoginFlowError carrying the status, the error page's code and description when there is one.
 */
import * as cheerio from 'cheerio'
import { CookieJar } from 'tough-cookie'

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** A cookie jar plus fetch with manual redirects: one "browser" across requests. */
export class Browser {
  readonly jar: CookieJar
  readonly #fetch: FetchLike

  constructor(options: { fetch?: FetchLike; jar?: CookieJar } = {}) {
    this.jar = options.jar ?? new CookieJar()
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init))
  }

  /** Sends a request with the jar's cookies and stores the response's Set-Cookie headers. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    const cookie = await this.jar.getCookieString(url)
    if (cookie) headers.set('Cookie', cookie)
    const response = await this.#fetch(url, { ...init, headers, redirect: 'manual' })
    for (const setCookie of response.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, url, { ignoreError: true })
    }
    return response
  }

  get(url: string): Promise<Response> {
    return this.request(url)
  }

  postForm(url: string, fields: Record<string, string> | Array<[string, string]> | URLSearchParams): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }

  /** The value of the cookie `name` the jar would send to `url`. */
  async cookie(url: string, name: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(url)
    return cookies.find((cookie) => cookie.key === name)?.value
  }
}

export interface AuthorizeAndLoginOptions {
  baseUrl: string
  params: Record<string, string>
  username?: string
  password?: string
  consent?: 'approve' | 'deny'
  authorizationEndpoint?: string
  method?: 'GET' | 'POST'
  paramsIn?: 'body' | 'query'
  browser?: Browser
  fetch?: FetchLike
}

export interface LoginFlowResult {
  callbackUrl: string
  mode: 'query' | 'fragment' | 'form_post'
  /** The authorization response parameters (code/state/iss or error/error_description/state/iss). */
  params: URLSearchParams
  /** The pages passed through, in order. */
  pages: Array<'login' | 'consent'>
  browser: Browser
}

export class LoginFlowError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly page?: { error: string; description: string },
  ) {
    super(message)
    this.name = 'LoginFlowError'
  }
}

export async function authorizeAndLogin(options: AuthorizeAndLoginOptions): Promise<string> {
  return (await runLoginFlow(options)).callbackUrl
}

export async function runLoginFlow(options: AuthorizeAndLoginOptions): Promise<LoginFlowResult> {
  const browser = options.browser ?? new Browser(options.fetch ? { fetch: options.fetch } : {})
  const endpoint = options.authorizationEndpoint ?? `${options.baseUrl.replace(/\/$/, '')}/oauth/authorize`
  const query = new URLSearchParams(options.params).toString()
  const isCallback = (url: string) =>
    (options.params.redirect_uri !== undefined && url.startsWith(options.params.redirect_uri)) ||
    new URL(url).origin !== new URL(options.baseUrl).origin
  const pages: LoginFlowResult['pages'] = []

  let url = endpoint
  let response: Response
  if (options.method !== 'POST') response = await browser.get(`${endpoint}?${query}`)
  else if (options.paramsIn === 'query') response = await browser.request(`${endpoint}?${query}`, { method: 'POST' })
  else response = await browser.postForm(endpoint, options.params)

  for (let step = 0; step < 20; step++) {
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location')
      if (!location) throw new LoginFlowError(`${response.status} without a Location header at ${url}`, response.status)
      url = new URL(location, url).href
      if (isCallback(url)) {
        const mode = new URL(url).hash !== '' ? 'fragment' : 'query'
        return { callbackUrl: url, mode, params: callbackParams(url), pages, browser }
      }
      response = await browser.get(url)
      continue
    }
    const html = await response.text()
    const $ = cheerio.load(html)
    if ($('[data-testid="error-page"]').length > 0) {
      const page = {
        error: $('[data-testid="error-code"]').text(),
        description: $('[data-testid="error-description"]').text(),
      }
      throw new LoginFlowError(
        `error page (${response.status}) ${page.error}: ${page.description}`,
        response.status,
        page,
      )
    }
    const loginForm = $('form[data-testid="login-form"]')
    if (loginForm.length > 0) {
      if (pages.at(-1) === 'login' && $('[data-testid="login-error"]').length > 0) {
        throw new LoginFlowError(`login rejected: ${$('[data-testid="login-error"]').text()}`, response.status)
      }
      if (options.username === undefined || options.password === undefined) {
        throw new LoginFlowError('the login page appeared but no username/password were given', response.status)
      }
      pages.push('login')
      const fields = formFields($, loginForm)
      fields.set('username', options.username)
      fields.set('password', options.password)
      fields.set('action', 'login')
      url = new URL(loginForm.attr('action') ?? url, url).href
      response = await browser.postForm(url, fields)
      continue
    }
    const consentForm = $('form[data-testid="consent-form"]')
    if (consentForm.length > 0) {
      pages.push('consent')
      const fields = formFields($, consentForm)
      fields.set('decision', options.consent ?? 'approve')
      url = new URL(consentForm.attr('action') ?? url, url).href
      response = await browser.postForm(url, fields)
      continue
    }
    const postForm = $('form[method="post"]').first()
    const action = postForm.attr('action')
    if (response.status === 200 && action !== undefined && isCallback(new URL(action, url).href)) {
      const fields = formFields($, postForm)
      const joiner = !action.includes('?') ? '?' : /[?&]$/.test(action) ? '' : '&'
      const callbackUrl = `${action}${joiner}${fields.toString()}`
      return { callbackUrl, mode: 'form_post', params: fields, pages, browser }
    }
    throw new LoginFlowError(
      `unexpected ${response.status} response at ${url}: ${html.slice(0, 200).replace(/\s+/g, ' ')}`,
      response.status,
    )
  }
  throw new LoginFlowError('too many steps without reaching the client', 0)
}

/** The authorization response parameters in a callback URL: the fragment when there is one, else the query. */
export function callbackParams(url: string): URLSearchParams {
  const parsed = new URL(url)
  return new URLSearchParams(parsed.hash !== '' ? parsed.hash.slice(1) : parsed.search)
}

/** The form's inputs (not its buttons) as they would be submitted. */
function formFields($: cheerio.CheerioAPI, form: ReturnType<cheerio.CheerioAPI>): URLSearchParams {
  const fields = new URLSearchParams()
  form.find('input').each((_, element) => {
    const input = $(element)
    const name = input.attr('name')
    const type = (input.attr('type') ?? 'text').toLowerCase()
    if (!name || type === 'submit' || type === 'button') return
    fields.append(name, input.attr('value') ?? '')
  })
  return fields
}
