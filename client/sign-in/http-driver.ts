/**
 * The `http` sign-in driver (the default, for server-rendered apps): plain HTTP with a fresh cookie
 * jar per sign-in, the way a browser without JavaScript would. It opens `signIn.start`, follows
 * every redirect (the app's to the mock, the mock's back to the app), fills in the mock's login and
 * consent pages through their documented data-testid hooks (docs/mock-idp.md), posts a form_post
 * response page on to the app, and stops at the first page that is neither a redirect nor one of
 * the mock's forms: the app's answer. Requests go as a browser's navigations (navigation-fetch.ts).
 */
import * as cheerio from 'cheerio'
import { Browser } from '../../mock-idp/testing/login-flow.js'
import type { Exchange } from '../../reports/run-result.js'
import { navigationFetch } from './navigation-fetch.js'
import { redactedExchange } from './redacted-exchange.js'
import {
  MAX_PAGE_CHARS,
  type SignInContext,
  type SignInDriver,
  SignInError,
  type SignInResult,
} from './sign-in-driver.js'

/** Redirects and form posts of one sign-in: a loop between the app and the mock ends here. */
export const MAX_SIGN_IN_STEPS = 30

export function httpDriver(): SignInDriver {
  return { signIn: signInOverHttp, close: async () => {} }
}

async function signInOverHttp(context: SignInContext): Promise<SignInResult> {
  const exchanges: Exchange[] = []
  const urls: string[] = []
  const browser = new Browser({ fetch: (input, init) => navigationFetch(input, { ...init, signal: context.signal }) })
  const issuerPrefix = context.issuer.endsWith('/') ? context.issuer : `${context.issuer}/`
  const atMock = (url: string) => url === context.issuer || url.startsWith(issuerPrefix)

  const send = async (label: string, method: string, url: string, form?: URLSearchParams) => {
    urls.push(url)
    const started = performance.now()
    const body = form?.toString()
    try {
      const response = form === undefined ? await browser.request(url, { method }) : await browser.postForm(url, form)
      const text = (await response.text()).slice(0, MAX_PAGE_CHARS)
      exchanges.push(
        redactedExchange({
          id: exchanges.length + 1,
          label,
          method,
          url,
          ...(body === undefined ? {} : { requestBody: body }),
          status: response.status,
          responseHeaders: response.headers,
          responseBody: text,
          durationMs: performance.now() - started,
        }),
      )
      return { response, text }
    } catch (error) {
      const message = context.signal.aborted ? 'the sign-in timed out (timeouts.signIn)' : String(error)
      exchanges.push(
        redactedExchange({
          id: exchanges.length + 1,
          label,
          method,
          url,
          ...(body === undefined ? {} : { requestBody: body }),
          error: message,
          durationMs: performance.now() - started,
        }),
      )
      throw new SignInError(`${method} ${new URL(url).origin}${new URL(url).pathname}: ${message}`, exchanges)
    }
  }

  let url = context.start
  let lastForm: URLSearchParams | undefined
  let { response, text } = await send('open signIn.start', 'GET', url)
  for (let step = 0; step < MAX_SIGN_IN_STEPS; step++) {
    if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
      const next = new URL(response.headers.get('location')!, url).href
      // RFC 9110 §15.4.8/§15.4.9: 307 and 308 repeat the method; the mock's 307 carries its form fields.
      const repeat = (response.status === 307 || response.status === 308) && lastForm !== undefined
      url = next
      ;({ response, text } = repeat
        ? await send('follow the redirect (same method)', 'POST', url, lastForm)
        : await send(`follow the redirect to ${atMock(url) ? 'the mock IdP' : 'the app'}`, 'GET', url))
      lastForm = undefined
      continue
    }
    if (!atMock(url) && !isFormPostPage(text))
      return { page: { status: response.status, url, body: text }, exchanges, urls }
    const $ = cheerio.load(text)
    const form = nextForm($, context)
    if (!form) return { page: { status: response.status, url, body: text }, exchanges, urls }
    url = new URL(form.action ?? url, url).href
    lastForm = form.fields
    ;({ response, text } = await send(form.label, 'POST', url, form.fields))
  }
  throw new SignInError(`the sign-in did not reach the app within ${MAX_SIGN_IN_STEPS} redirects and forms`, exchanges)
}

function isFormPostPage(html: string): boolean {
  return html.includes('data-testid="form-post"')
}

/** The mock's form to submit on this page: login, consent (approve) or a form_post response. */
function nextForm(
  $: cheerio.CheerioAPI,
  context: SignInContext,
): { label: string; action: string | undefined; fields: URLSearchParams } | undefined {
  const login = $('form[data-testid="login-form"]')
  if (login.length > 0) {
    if ($('[data-testid="login-error"]').length > 0)
      throw new SignInError(
        `the mock refused the login of "${context.user.username}" (check "user" in the client target file)`,
      )
    const fields = formFields($, login)
    if (login.find('[name="username"]').length > 0) fields.set('username', context.user.username)
    if (login.find('[name="password"]').length > 0) fields.set('password', context.user.password)
    return { label: 'log in at the mock IdP', action: login.attr('action'), fields }
  }
  const consent = $('form[data-testid="consent-form"]')
  if (consent.length > 0) {
    const fields = formFields($, consent)
    fields.set('decision', 'approve')
    return { label: 'approve the consent page', action: consent.attr('action'), fields }
  }
  const formPost = $('form[data-testid="form-post"]')
  if (formPost.length > 0)
    return {
      label: 'post the form_post response to the app',
      action: formPost.attr('action'),
      fields: formFields($, formPost),
    }
  return undefined
}

function formFields($: cheerio.CheerioAPI, form: ReturnType<cheerio.CheerioAPI>): URLSearchParams {
  const fields = new URLSearchParams()
  form.find('input[name]').each((_index, element) => {
    const input = $(element)
    const type = (input.attr('type') ?? 'text').toLowerCase()
    if (type === 'submit' || type === 'button' || type === 'checkbox' || type === 'radio') return
    fields.append(input.attr('name')!, input.attr('value') ?? '')
  })
  // The button that goes forward: login-submit, or login-next on the two-step login's first page.
  const submit = form.find('[data-testid="login-submit"], [data-testid="login-next"]').first()
  if (submit.attr('name') !== undefined) fields.set(submit.attr('name')!, submit.attr('value') ?? '')
  return fields
}
