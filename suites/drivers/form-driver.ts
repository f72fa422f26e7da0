/**
 * The `form` login driver: plain HTTP with a cookie jar, no browser. It plays the user agent from
 * the authorization request on: follows the server's redirects, signs in (one page, or a username
 * page then a password page), answers the consent page, passes interstitials (a form that submits
 * itself, a meta refresh, a lone "continue" button), and stops at the first redirect (or
 * form_post, or refresh) that goes back to the client — captured, never followed. What each page
 * is comes from suites/drivers/form-page.ts; what a click sends, from form-submission.ts.
 */

import * as cheerio from 'cheerio'
import type { Exchange } from '../../reports/run-result.js'
import { DriveError } from '../harness/evidence.js'
import { redactUrl } from '../harness/exchange.js'
import type { HttpClient } from '../harness/http-client.js'
import type { TargetUser } from '../harness/target.js'
import { isClientUri, readCallback } from './callback.js'
import {
  type AuthorizeInput,
  type AuthorizeResult,
  ControlNotFound,
  type DriverStep,
  type LoginDriver,
  type SelectorMatch,
} from './driver.js'
import { afterRedirect, type NextRequest } from './follow-redirect.js'
import {
  defaultSubmit,
  type FormPage,
  type FormSettings,
  inferCancel,
  locateControl,
  readFormPage,
} from './form-page.js'
import { findFormPost } from './form-post-response.js'
import { activate, submitForm } from './form-submission.js'
import {
  alertText,
  candidates,
  describeElement,
  type Node,
  pageInventory,
  selectorFor,
  titleOf,
} from './page-elements.js'

type Callback = Extract<AuthorizeResult, { kind: 'callback' }>

/** Every page, redirect and interstitial counts; a login that needs more is not one the driver understands. */
const MAX_STEPS = 20
/** Password pages shown in one authorization before the driver gives up (a deliberate wrong password is one). */
const MAX_PASSWORD_PAGES = 3
/** Consent pages in one authorization (some servers ask twice: scopes, then claims). */
const MAX_CONSENT_PAGES = 3

/** Where one authorization stands between two responses. */
interface Walk {
  sawLogin: boolean
  sawConsent: boolean
  /** Pages with a password field (a username page of a two-step login does not count). */
  passwordPages: number
  consentPages: number
  /** A wrong password is still to be sent first (AuthorizeInput.wrongPasswordFirst). */
  wrongPasswordPending: boolean
  /** What the last login submission sent, until a page shows whether it was accepted. */
  submitted?: 'username' | 'password' | 'wrong password'
}

export class FormDriver implements LoginDriver {
  readonly name = 'form'

  constructor(
    private readonly http: HttpClient,
    private readonly settings: FormSettings,
    /** The target file's users, so a rejected login can name the setting to fix (`users[1].password`). */
    private readonly users: readonly TargetUser[] = [],
  ) {}

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const exchanges: Exchange[] = []
    const walk: Walk = {
      sawLogin: false,
      sawConsent: false,
      passwordPages: 0,
      consentPages: 0,
      wrongPasswordPending: input.wrongPasswordFirst ?? false,
    }
    let next: NextRequest = {
      method: input.method ?? 'GET',
      url: input.url,
      ...(input.form ? { form: new URLSearchParams(input.form) } : {}),
    }
    let what = 'authorization request'

    for (let step = 0; step < MAX_STEPS; step++) {
      const response = await this.http.send({
        method: next.method,
        url: next.url,
        form: next.form,
        jar: input.jar,
        label: `${input.label}: ${what}`,
      })
      exchanges.push(response.exchange)
      const seenAt = { method: next.method, url: response.exchange.request.url, status: response.status }
      const trace = (seen: DriverStep['seen'], action: string, extra: Partial<DriverStep> = {}) =>
        input.trace?.({ ...seenAt, seen, action, selectors: [], ...extra })
      const done = (callback: Omit<Callback, 'sawLogin' | 'sawConsent' | 'exchanges'>): Callback => ({
        ...callback,
        sawLogin: walk.sawLogin,
        sawConsent: walk.sawConsent,
        exchanges,
      })

      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && location) {
        const target = new URL(location, next.url).toString()
        if (isClientUri(target, input.clientUris)) {
          trace('callback', `captured the redirect back to the client: ${redactUrl(target)}`)
          return done({ ...readCallback(target, 'redirect'), redirectStatus: response.status })
        }
        trace('redirect', `followed the redirect to ${redactUrl(target)}`)
        next = afterRedirect(next, response.status, target)
        what = 'follow the redirect'
        continue
      }

      const $ = cheerio.load(response.text)
      const title = titleOf($)
      const formPost = findFormPost($, next.url, input.clientUris)
      if (formPost) {
        trace('callback', `captured the form_post back to the client: ${redactUrl(formPost.url)}`, { title })
        return done(formPost)
      }

      const { page, selectors } = readFormPage($, this.settings, {
        url: next.url,
        status: response.status,
        refreshHeader: response.headers.get('refresh') ?? undefined,
      })
      const act = this.#act($, page, next.url, input, walk, selectors)
      if (act.kind === 'stop') {
        const inventory = pageInventory($)
        trace('page', act.why, { title, selectors, inventory })
        return {
          kind: 'page',
          status: response.status,
          url: next.url,
          html: response.text,
          sawLogin: walk.sawLogin,
          exchanges,
        }
      }
      if (act.request.method === 'GET' && isClientUri(act.request.url, input.clientUris)) {
        trace(act.seen, `${act.action}: back at the client, ${redactUrl(act.request.url)}`, { title, selectors })
        return done(readCallback(act.request.url, 'redirect'))
      }
      trace(act.seen, act.action, { title, selectors })
      next = act.request
      what = act.label
    }
    throw new DriveError(`no redirect back to the client after ${MAX_STEPS} pages and redirects (last: ${next.url})`)
  }

  /** What the user does on `page`, or why the driver stops there. Throws when the page shows the login failed. */
  #act(
    $: cheerio.CheerioAPI,
    page: FormPage,
    pageUrl: string,
    input: AuthorizeInput,
    walk: Walk,
    selectors: SelectorMatch[],
  ):
    | { kind: 'stop'; why: string }
    | { kind: 'go'; seen: DriverStep['seen']; request: NextRequest; action: string; label: string } {
    switch (page.kind) {
      case 'login':
      case 'username-step': {
        walk.sawLogin = true
        this.#judgeLastSubmission($, page, input, walk)
        if (page.kind === 'login' && ++walk.passwordPages > MAX_PASSWORD_PAGES)
          throw new DriveError(
            `the login page came back ${MAX_PASSWORD_PAGES} times: the credentials were not accepted`,
          )
        const seen = page.kind === 'login' ? (page.username ? 'login' : 'password-step') : 'username-step'
        if (input.decision === 'cancel') {
          const cancel = this.#control($, 'login.cancel', this.settings.cancel, page.form, selectors, () =>
            inferCancel($, page.form),
          )
          if (!cancel)
            throw new ControlNotFound(
              `the login page has no cancel control: set "login.cancel" in the target file (the page has: ${candidates($, 'control', 'cancel').join(', ')})`,
              'login.cancel',
            )
          walk.submitted = undefined
          return go(seen, activate($, cancel, pageUrl), `cancelled the login (${describeElement($, cancel)})`, 'cancel')
        }
        const values: Record<string, string> = {}
        const filled: string[] = []
        if (page.kind === 'username-step' || page.username) {
          const field = page.kind === 'username-step' ? page.username : page.username!
          values[fieldName($, field, 'login.username')] = input.user.username
          filled.push('username')
        }
        if (page.kind === 'login') {
          const wrong = walk.wrongPasswordPending
          values[fieldName($, page.password, 'login.password')] = wrong
            ? `${input.user.password}-wrong`
            : input.user.password
          walk.wrongPasswordPending = false
          walk.submitted = wrong ? 'wrong password' : 'password'
          filled.push(wrong ? 'a deliberately wrong password' : 'password')
        } else walk.submitted = 'username'
        const setting = page.kind === 'login' ? 'login.submit' : 'login.next'
        const submitter = this.#control(
          $,
          setting,
          this.settings[page.kind === 'login' ? 'submit' : 'next'],
          page.form,
          selectors,
          () => defaultSubmit($, page.form),
        )
        const request = submitter ? activate($, submitter, pageUrl, values) : submitForm($, page.form, pageUrl, values)
        const how = submitter ? describeElement($, submitter) : describeElement($, page.form)
        return go(
          seen,
          request,
          `filled ${filled.join(' and ')}, submitted ${how}`,
          `submit the ${seen.replace('-', ' ')}`,
        )
      }
      case 'consent': {
        walk.sawConsent = true
        walk.submitted = undefined
        if (++walk.consentPages > MAX_CONSENT_PAGES)
          throw new DriveError(
            `the consent page came back ${MAX_CONSENT_PAGES} times: the server did not accept the decision (check login.consent.submit and login.consent.deny)`,
          )
        const deny = input.decision === 'deny'
        const control = deny ? page.deny : page.approve
        if (!control) {
          const setting = deny ? 'login.consent.deny' : 'login.consent.submit'
          const selector = deny ? this.settings.consent?.deny : this.settings.consent?.submit
          const message = `the consent page has no ${deny ? 'deny' : 'approve'} control${selector ? ` matching "${selector}"` : ''}: set "${setting}" in the target file (the page has: ${candidates($, 'control', selector ?? (deny ? 'deny' : 'allow')).join(', ') || 'no button or link'})`
          // Nothing named and nothing labelled deny: the server offers no refusal the driver can see.
          throw deny && !selector ? new ControlNotFound(message, 'login.consent.deny') : new DriveError(message)
        }
        return go(
          'consent',
          activate($, control, pageUrl),
          `${deny ? 'denied' : 'approved'} (${describeElement($, control)})`,
          `${deny ? 'deny' : 'approve'} consent`,
        )
      }
      case 'interstitial': {
        if (page.how === 'meta-refresh')
          return go('interstitial', { method: 'GET', url: page.url }, 'followed the meta refresh', 'follow the refresh')
        if (page.how === 'auto-submit')
          return go(
            'interstitial',
            submitForm($, page.form, pageUrl),
            `submitted the self-submitting ${describeElement($, page.form)}`,
            'submit the self-submitting form',
          )
        return go(
          'interstitial',
          activate($, page.control, pageUrl),
          `continued (${describeElement($, page.control)})`,
          'continue',
        )
      }
      case 'unknown':
        return {
          kind: 'stop',
          why: walk.submitted
            ? `stopped: after the ${walk.submitted} was submitted, the server answered with a page that is neither a login, a consent nor a redirect to the client`
            : 'stopped: the server answered with its own page (neither a login, a consent nor a redirect to the client)',
        }
    }
  }

  /** A login page right after a login submission says whether the credentials were accepted. */
  #judgeLastSubmission(
    $: cheerio.CheerioAPI,
    page: Extract<FormPage, { kind: 'login' | 'username-step' }>,
    input: AuthorizeInput,
    walk: Walk,
  ): void {
    const said = alertText($)
    const pageSays = said ? ` (the page says: "${said}")` : ''
    const index = this.#userIndex(input.user)
    if (walk.submitted === 'password')
      throw new DriveError(
        `the login page was shown again after submitting the password for user ${input.user.username}: check users[${index}].password${pageSays}`,
      )
    if (walk.submitted === 'username' && page.kind === 'username-step')
      throw new DriveError(
        `the username page was shown again after submitting username ${input.user.username}: check users[${index}].username${pageSays}`,
      )
    walk.submitted = undefined
  }

  #userIndex(user: TargetUser): string {
    const index = this.users.indexOf(user)
    const byName = index >= 0 ? index : this.users.findIndex((candidate) => candidate.username === user.username)
    return byName >= 0 ? String(byName) : 'i'
  }

  /** The control a setting names (reported in the trace), else the inferred one. */
  #control(
    $: cheerio.CheerioAPI,
    setting: string,
    selector: string | undefined,
    scope: Node,
    selectors: SelectorMatch[],
    infer: () => Node | undefined,
  ): Node | undefined {
    if (!selector) {
      const inferred = infer()
      if (inferred) selectors.push({ setting, selector: selectorFor($, inferred), source: 'inferred', matched: true })
      return inferred
    }
    const { control, match } = locateControl($, setting, selector, scope)
    selectors.push(match)
    if (!control)
      throw new DriveError(
        `no control matching "${selector}" (${setting}) on the page; it has: ${match.candidates?.join(', ') || 'no button or link'}`,
      )
    return control
  }
}

function go(
  seen: DriverStep['seen'],
  request: NextRequest,
  action: string,
  label: string,
): { kind: 'go'; seen: DriverStep['seen']; request: NextRequest; action: string; label: string } {
  return { kind: 'go', seen, request, action, label }
}

/** The name a field is submitted under; a field without one cannot be filled. */
function fieldName($: cheerio.CheerioAPI, field: Node, setting: string): string {
  const name = field.attr('name')
  if (!name)
    throw new DriveError(`the field ${describeElement($, field)} (${setting}) has no name, so a form cannot submit it`)
  return name
}
