/**
 * RP-initiated logout as a user agent does it (OpenID Connect RP-Initiated Logout 1.0 §2, §3):
 * send the logout request (GET or POST), follow the OP's own redirects, optionally answer "yes"
 * on a logout confirmation page, and stop at the first redirect that leaves the OP or reaches a
 * client URI — captured, never followed. The OP's pages are kept for the checks.
 */
import * as cheerio from 'cheerio'
import type { CookieJar } from 'tough-cookie'
import type { Exchange } from '../../reports/run-result.js'
import { isClientUri } from '../drivers/callback.js'
import { afterRedirect, type NextRequest } from '../drivers/follow-redirect.js'
import type { HttpClient } from '../harness/http-client.js'

export interface LogoutRequest {
  endpoint: string
  params: Record<string, string | undefined>
  method?: 'GET' | 'POST'
  jar?: CookieJar
  /** Answer a confirmation page with its "yes" button (as a user who wants to log out would). */
  confirm?: boolean
  /** URIs that count as "back at the client" (the post_logout_redirect_uri sent, the registered ones). */
  clientUris: string[]
  label: string
}

export interface LogoutResult {
  /** The parameters sent (values as sent; the exchanges are redacted). */
  sent: Record<string, string>
  method: 'GET' | 'POST'
  /** A redirect (3xx Location or meta refresh) that reached a client URI or left the OP. */
  redirect?: { url: string; status: number; via: 'location' | 'meta-refresh'; params: Array<[string, string]> }
  /** Where it stopped when there was no such redirect. */
  page?: { status: number; url: string; html: string }
  /** A confirmation form was shown / submitted on the way. */
  confirmationShown: boolean
  confirmed: boolean
  exchanges: Exchange[]
}

const MAX_STEPS = 8
const YES = /\b(yes|log ?out|sign ?out|confirm|continue|ok)\b/i
const NO = /\b(no|cancel|stay|abort)\b/i

export async function sendLogout(http: HttpClient, request: LogoutRequest): Promise<LogoutResult> {
  const method = request.method ?? 'GET'
  const sent = Object.fromEntries(
    Object.entries(request.params).filter((pair): pair is [string, string] => pair[1] !== undefined),
  )
  const opOrigin = new URL(request.endpoint).origin
  const exchanges: Exchange[] = []
  let confirmationShown = false
  let confirmed = false
  let next: NextRequest =
    method === 'POST'
      ? { method, url: request.endpoint, form: new URLSearchParams(sent) }
      : { method, url: withQuery(request.endpoint, sent) }

  for (let step = 0; step < MAX_STEPS; step++) {
    const response = await http.send({
      method: next.method,
      url: next.url,
      form: next.form,
      jar: request.jar,
      label: `${request.label}${step === 0 ? '' : `: step ${step + 1}`}`,
    })
    exchanges.push(response.exchange)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      const target = new URL(location, next.url).toString()
      if (isClientUri(target, request.clientUris) || new URL(target).origin !== opOrigin) {
        return {
          sent,
          method,
          redirect: redirectOf(target, response.status, 'location'),
          confirmationShown,
          confirmed,
          exchanges,
        }
      }
      next = afterRedirect(next, response.status, target)
      continue
    }
    const html = response.text
    const $ = cheerio.load(html)
    const refresh = $('meta[http-equiv]')
      .filter((_, element) => ($(element).attr('http-equiv') ?? '').toLowerCase() === 'refresh')
      .attr('content')
    const refreshUrl = refresh ? /url\s*=\s*['"]?([^'"]+)/i.exec(refresh)?.[1] : undefined
    if (refreshUrl) {
      const target = new URL(refreshUrl, next.url).toString()
      if (isClientUri(target, request.clientUris) || new URL(target).origin !== opOrigin)
        return {
          sent,
          method,
          redirect: redirectOf(target, response.status, 'meta-refresh'),
          confirmationShown,
          confirmed,
          exchanges,
        }
    }
    const confirmation = response.status === 200 ? confirmationForm($, next.url, opOrigin) : undefined
    if (confirmation) {
      confirmationShown = true
      if (request.confirm && !confirmed) {
        confirmed = true
        next = confirmation
        continue
      }
    }
    return {
      sent,
      method,
      page: { status: response.status, url: next.url, html },
      confirmationShown,
      confirmed,
      exchanges,
    }
  }
  return { sent, method, confirmationShown, confirmed, exchanges }
}

function withQuery(endpoint: string, params: Record<string, string>): string {
  const url = new URL(endpoint)
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value)
  return url.toString()
}

function redirectOf(
  url: string,
  status: number,
  via: 'location' | 'meta-refresh',
): NonNullable<LogoutResult['redirect']> {
  const parsed = new URL(url)
  return { url, status, via, params: [...parsed.searchParams] as Array<[string, string]> }
}

/** A form posting back to the OP with a "yes, log me out" button: the request that button sends. */
function confirmationForm(
  $: cheerio.CheerioAPI,
  pageUrl: string,
  opOrigin: string,
): { method: string; url: string; form?: URLSearchParams } | undefined {
  for (const element of $('form').toArray()) {
    const form = $(element)
    const action = new URL(form.attr('action') ?? '', pageUrl)
    if (action.origin !== opOrigin) continue
    const id = form.attr('id')
    const buttons = [
      ...form.find('button, input[type=submit]').toArray(),
      ...(id ? $(`button[form="${id}"], input[type=submit][form="${id}"]`).toArray() : []),
    ].map((button) => $(button))
    const label = (button: (typeof buttons)[number]) =>
      `${button.attr('name') ?? ''} ${button.attr('value') ?? ''} ${button.text()}`.trim()
    const yes =
      buttons.find((button) => YES.test(label(button)) && !NO.test(label(button))) ??
      (buttons.length === 1 ? buttons[0] : undefined)
    if (!yes) continue
    const params = new URLSearchParams()
    form.find('input').each((_, input) => {
      const field = $(input)
      const name = field.attr('name')
      const type = (field.attr('type') ?? 'text').toLowerCase()
      if (!name || ['submit', 'button', 'image', 'reset'].includes(type)) return
      if ((type === 'checkbox' || type === 'radio') && !field.is('[checked]')) return
      params.append(name, field.attr('value') ?? '')
    })
    const name = yes.attr('name')
    if (name) params.append(name, yes.attr('value') ?? '')
    const method = (yes.attr('formmethod') ?? form.attr('method') ?? 'GET').toUpperCase()
    const url = new URL(yes.attr('formaction') ?? form.attr('action') ?? '', pageUrl)
    if (method === 'GET') {
      url.search = params.toString()
      return { method, url: url.toString() }
    }
    return { method, url: url.toString(), form: params }
  }
  return undefined
}
