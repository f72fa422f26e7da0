/**
 * The `form` login driver: plain HTTP with a cookie jar and CSS selectors, no browser. It follows
 * the server's redirects, fills the login form, submits the consent form, and stops at the first
 * redirect (or form_post) that goes back to the client.
 */

import * as cheerio from 'cheerio'
import { DriveError } from '../harness/evidence.js'
import type { Exchange } from '../harness/exchange.js'
import type { HttpClient, HttpResponse } from '../harness/http-client.js'
import type { TargetFile } from '../harness/target.js'
import { isClientUri, readCallback } from './callback.js'
import type { AuthorizeInput, AuthorizeResult, LoginDriver } from './driver.js'
import { afterRedirect, type NextRequest } from './follow-redirect.js'

type FormElement = ReturnType<cheerio.CheerioAPI['root']>['first'] extends () => infer R ? R : never
type FormSettings = Extract<TargetFile['login'], { driver: 'form' }>

const MAX_STEPS = 20

export class FormDriver implements LoginDriver {
  readonly name = 'form'

  constructor(
    private readonly http: HttpClient,
    private readonly settings: FormSettings,
  ) {}

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const exchanges: Exchange[] = []
    let sawLogin = false
    let sawConsent = false
    let wrongPasswordPending = input.wrongPasswordFirst ?? false
    let loginAttempts = 0
    let next: NextRequest = {
      method: input.method ?? 'GET',
      url: input.url,
      ...(input.form ? { form: new URLSearchParams(input.form) } : {}),
    }

    for (let step = 0; step < MAX_STEPS; step++) {
      const response = await this.http.send({
        method: next.method,
        url: next.url,
        form: next.form,
        jar: input.jar,
        label: `${input.label}: ${step === 0 ? 'authorization request' : `step ${step + 1}`}`,
      })
      exchanges.push(response.exchange)

      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        const target = new URL(location, next.url).toString()
        if (isClientUri(target, input.clientUris)) {
          return {
            ...readCallback(target, 'redirect'),
            redirectStatus: response.status,
            sawLogin,
            sawConsent,
            exchanges,
          }
        }
        next = afterRedirect(next, response.status, target)
        continue
      }

      const html = response.text
      const $ = cheerio.load(html)
      const formPost = findFormPost($, next.url, input.clientUris)
      if (formPost) {
        return { ...formPost, sawLogin, sawConsent, exchanges }
      }

      if (response.status === 200) {
        const login = $(this.settings.form)
          .filter((_, form) => $(form).find(this.settings.password).length > 0)
          .first()
        if (login.length > 0) {
          sawLogin = true
          loginAttempts++
          if (loginAttempts > 3)
            throw new DriveError('the login page came back three times: the credentials were not accepted')
          if (input.decision === 'cancel' && this.settings.cancel) {
            next = submission($, login, next.url, {}, this.settings.cancel)
            continue
          }
          const password = wrongPasswordPending ? `${input.user.password}-wrong` : input.user.password
          wrongPasswordPending = false
          next = submission(
            $,
            login,
            next.url,
            {
              [this.fieldName($, login, this.settings.username, 'username')]: input.user.username,
              [this.fieldName($, login, this.settings.password, 'password')]: password,
            },
            this.settings.submit,
          )
          continue
        }
        const consentSettings = this.settings.consent
        const consent = consentSettings ? $(consentSettings.form).first() : undefined
        if (consentSettings && consent && consent.length > 0) {
          sawConsent = true
          const button = input.decision === 'deny' ? consentSettings.deny : consentSettings.submit
          if (!button)
            throw new DriveError('the target file has no "login.consent.deny" selector, so consent cannot be denied')
          next = submission($, consent, next.url, {}, button)
          continue
        }
      }
      return { kind: 'page', status: response.status, url: next.url, html, sawLogin, exchanges }
    }
    throw new DriveError(`no redirect back to the client after ${MAX_STEPS} steps`)
  }

  private fieldName($: cheerio.CheerioAPI, form: FormElement, selector: string, what: string): string {
    const name = $(form).find(selector).first().attr('name')
    if (!name)
      throw new DriveError(
        `the login form has no ${what} field matching "${selector}" (set login.${what} in the target file)`,
      )
    return name
  }
}

/** Builds the request a browser sends when `submitSelector` is clicked in `form`. */
function submission(
  $: cheerio.CheerioAPI,
  form: FormElement,
  pageUrl: string,
  values: Record<string, string>,
  submitSelector: string | undefined,
): { method: string; url: string; form?: URLSearchParams } {
  const params = new URLSearchParams()
  form.find('input, select, textarea').each((_, element) => {
    const field = $(element)
    const name = field.attr('name')
    const type = (field.attr('type') ?? 'text').toLowerCase()
    if (!name || field.is('[disabled]') || ['submit', 'button', 'image', 'reset', 'file'].includes(type)) return
    if ((type === 'checkbox' || type === 'radio') && !field.is('[checked]')) return
    if (name in values) return
    params.append(name, String(field.val() ?? field.attr('value') ?? ''))
  })
  for (const [name, value] of Object.entries(values)) params.set(name, value)
  const button = submitSelector
    ? form.find(submitSelector).first()
    : form.find('button[type=submit], input[type=submit], button:not([type])').first()
  if (submitSelector && button.length === 0) throw new DriveError(`no button matching "${submitSelector}" in the form`)
  const buttonName = button.attr('name')
  if (buttonName) params.append(buttonName, button.attr('value') ?? '')
  const action = new URL(button.attr('formaction') ?? form.attr('action') ?? '', pageUrl).toString()
  const method = (button.attr('formmethod') ?? form.attr('method') ?? 'GET').toUpperCase()
  if (method === 'GET') {
    const url = new URL(action)
    url.search = params.toString()
    return { method, url: url.toString() }
  }
  return { method, url: action, form: params }
}

/** A form_post response (OAuth 2.0 Form Post Response Mode §2): an auto-submitting form whose action is the client. */
function findFormPost(
  $: cheerio.CheerioAPI,
  pageUrl: string,
  clientUris: string[],
): Omit<Extract<AuthorizeResult, { kind: 'callback' }>, 'sawLogin' | 'sawConsent' | 'exchanges'> | undefined {
  for (const element of $('form').toArray()) {
    const form = $(element)
    const action = new URL(form.attr('action') ?? '', pageUrl).toString()
    if ((form.attr('method') ?? '').toUpperCase() !== 'POST' || !isClientUri(action, clientUris)) continue
    const allParams: Array<[string, string]> = []
    form.find('input[name]').each((_, input) => {
      allParams.push([$(input).attr('name')!, $(input).attr('value') ?? ''])
    })
    return { kind: 'callback', url: action, mode: 'form_post', params: Object.fromEntries(allParams), allParams }
  }
  return undefined
}

export type { HttpResponse }
