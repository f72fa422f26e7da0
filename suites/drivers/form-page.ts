/**
 * What a server's page is, read the way a person would: a login form (username and password, or
 * one of the two steps of a two-step login), a consent page (approve and deny controls anywhere
 * on the page: buttons in one or several forms, inputs, links), an interstitial (a form that
 * submits itself by script, a meta refresh, a lone "continue" button) — or none of these.
 * Selectors from the target file are used where given; otherwise the page is read from the
 * shapes real login pages share. Every selector tried is reported, with what the page holds when
 * it matched nothing.
 */
import type * as cheerio from 'cheerio'
import type { TargetFile } from '../harness/target.js'
import type { SelectorMatch } from './driver.js'
import {
  CONTROLS,
  candidates,
  type ElementKind,
  formOf,
  isPassword,
  isTextField,
  isVisibleField,
  type Node,
  SUBMIT_BUTTONS,
  selectorFor,
  wordsOf,
} from './page-elements.js'

export type FormSettings = Extract<TargetFile['login'], { driver: 'form' }>

export type FormPage =
  /** A login form; without `username`, the password page of a two-step login. */
  | { kind: 'login'; form: Node; password: Node; username?: Node }
  /** The first page of a two-step login: the username alone. */
  | { kind: 'username-step'; form: Node; username: Node }
  | { kind: 'consent'; approve?: Node; deny?: Node }
  | { kind: 'interstitial'; how: 'meta-refresh'; url: string }
  | { kind: 'interstitial'; how: 'auto-submit'; form: Node }
  | { kind: 'interstitial'; how: 'continue'; control: Node }
  | { kind: 'unknown' }

export interface PageReading {
  page: FormPage
  selectors: SelectorMatch[]
}

/** Schema defaults: a selector equal to one of these was not written by the user. */
const DEFAULTS: Record<string, string> = { 'login.form': 'form', 'login.password': 'input[type=password]' }
/** Interstitials that redirect later than this are not interstitials (a session-timeout refresh on a login page). */
const MAX_REFRESH_SECONDS = 10

const APPROVE_WORDS = /\b(allow|approve|accept|authori[sz]e|consent|grant|yes|agree|confirm)\b/
const DENY_WORDS = /\b(deny|reject|decline|cancel|refuse|disallow|no|abort)\b|\bdon'?t\b|\bdo not\b/
/** Controls that do not take the user forward: never a default submit button or a "continue". */
const BACKWARD_WORDS = new RegExp(`${DENY_WORDS.source}|\\bback\\b`)
const IDENTITY_WORDS = /user|login|e-?mail|identifier|account|principal|uid/i

export function readFormPage(
  $: cheerio.CheerioAPI,
  settings: FormSettings,
  page: { url: string; status: number; refreshHeader?: string },
): PageReading {
  const probes = { login: new Probe($), consent: new Probe($), interstitial: new Probe($) }
  // A login form can come back with a 4xx (a wrong password answered 401); an error page has none.
  const login = page.status < 500 ? readLogin($, settings, probes.login) : undefined
  if (login) return { page: login, selectors: probes.login.list() }
  const ok = page.status >= 200 && page.status < 300
  const consent = ok ? readConsent($, settings, probes.consent) : undefined
  if (consent) return { page: consent, selectors: probes.consent.list() }
  const interstitial = ok ? readInterstitial($, settings, probes.interstitial, page) : undefined
  if (interstitial) return { page: interstitial, selectors: probes.interstitial.list() }
  return {
    page: { kind: 'unknown' },
    selectors: [...probes.login.list(), ...probes.consent.list(), ...probes.interstitial.list()],
  }
}

/** The login form: the first form (login.form) holding a password field (login.password). */
function readLogin($: cheerio.CheerioAPI, settings: FormSettings, probe: Probe): FormPage | undefined {
  const containers = probe.find('login.form', settings.form, 'form')
  for (const element of containers.toArray()) {
    const container = $(element)
    const password = container
      .find(settings.password)
      .filter((_, field) => $(field).attr('type')?.toLowerCase() !== 'hidden')
      .first()
    if (password.length === 0) continue
    probe.found('login.form', settings.form)
    probe.found('login.password', settings.password)
    const form = formOf($, password) ?? container
    const username = settings.username
      ? probe.find('login.username', settings.username, 'field', form).first()
      : inferUsername($, form, password)
    if (!settings.username && username) probe.inferred('login.username', username)
    return {
      kind: 'login',
      form,
      password,
      ...(username && username.length > 0 ? { username } : {}),
    }
  }
  // (When login.form matched nothing, that miss is the one to report.)
  if (containers.length > 0) probe.missing('login.password', settings.password, 'field')
  // No password field: the first step of a two-step login has the username alone.
  for (const element of containers.toArray()) {
    const container = $(element)
    const username = settings.username
      ? container.find(settings.username).first()
      : inferUsername($, formOf($, container) ?? container)
    if (!username || username.length === 0) continue
    const form = formOf($, username)
    if (!form) continue
    if (settings.username) probe.found('login.username', settings.username)
    else probe.inferred('login.username', username)
    return { kind: 'username-step', form, username }
  }
  if (settings.username) probe.missing('login.username', settings.username, 'field')
  return undefined
}

/**
 * The username field of `form`. Before a password field: a field marked as a username or email,
 * else the text field just before the password (where browsers' password managers look). Alone
 * (a two-step login's first page): only a field marked or named as an identity.
 */
function inferUsername($: cheerio.CheerioAPI, form: Node, password?: Node): Node | undefined {
  const inputs = form.find('input').toArray()
  const before = password ? inputs.slice(0, Math.max(0, inputs.indexOf(password.get(0)!))) : inputs
  const fields = before.map((element) => $(element)).filter(isTextField)
  const marked = fields.find((field) => /\b(username|email)\b/i.test(field.attr('autocomplete') ?? ''))
  const named = fields.find(
    (field) =>
      IDENTITY_WORDS.test(`${field.attr('name') ?? ''} ${field.attr('id') ?? ''}`) || field.is('[type=email i]'),
  )
  if (marked ?? named) return marked ?? named
  return password ? fields.at(-1) : undefined
}

function readConsent($: cheerio.CheerioAPI, settings: FormSettings, probe: Probe): FormPage | undefined {
  const consent = settings.consent
  let scope: Node | undefined
  if (consent?.form) {
    scope = probe.find('login.consent.form', consent.form, 'form').first()
    if (scope.length === 0) return undefined
  }
  const approve = consent?.submit
    ? findControl(probe, 'login.consent.submit', consent.submit, scope)
    : inferControl($, scope, (words) => APPROVE_WORDS.test(words) && !DENY_WORDS.test(words))
  const deny = consent?.deny
    ? findControl(probe, 'login.consent.deny', consent.deny, scope)
    : inferControl($, scope, (words) => DENY_WORDS.test(words), true)
  if (!consent?.submit && approve) probe.inferred('login.consent.submit', approve)
  if (!consent?.deny && deny) probe.inferred('login.consent.deny', deny)
  // Approve by elimination: the other button of the deny control's form ("Continue" / "Cancel").
  const approveControl = approve ?? (consent?.submit ? undefined : otherButton($, deny))
  if (!consent?.submit && !approve && approveControl) probe.inferred('login.consent.submit', approveControl)
  const recognised = consent?.form !== undefined || approveControl !== undefined
  if (!recognised) {
    if (!consent?.submit) probe.notInferred('login.consent.submit', 'control')
    return undefined
  }
  if (!consent?.deny && !deny) probe.notInferred('login.consent.deny', 'control')
  return {
    kind: 'consent',
    ...(approveControl ? { approve: approveControl } : {}),
    ...(deny ? { deny } : {}),
  }
}

/** The control a target-file selector names: inside the consent form first, then anywhere on the page. */
function findControl(probe: Probe, setting: string, selector: string, scope: Node | undefined): Node | undefined {
  const inScope = scope ? safeFind(scope, selector) : undefined
  const found = inScope && inScope.length > 0 ? inScope : probe.find(setting, selector, 'control')
  if (found.length === 0) return undefined
  probe.found(setting, selector)
  return asControl(found.first())
}

/** A selector may name the control, or a form or container holding it. */
function asControl(node: Node): Node {
  if (node.is(CONTROLS)) return node
  const inside = node.find(CONTROLS).first()
  if (inside.length > 0) return inside
  return node
}

function inferControl(
  $: cheerio.CheerioAPI,
  scope: Node | undefined,
  matches: (words: string) => boolean,
  linksToo = false,
  inLoginForm = false,
): Node | undefined {
  // In the given scope (the consent form) first, then anywhere on the page: buttons, then links.
  const scopes = scope ? [scope, undefined] : [undefined]
  for (const within of scopes) {
    const buttons = (within ? within.find(SUBMIT_BUTTONS) : $(SUBMIT_BUTTONS)).toArray()
    const links = linksToo ? (within ? within.find('a[href]') : $('a[href]')).toArray() : []
    for (const element of [...buttons, ...links]) {
      const control = $(element)
      if (matches(wordsOf(control)) && (inLoginForm || !inTypingForm($, control))) return control
    }
  }
  return undefined
}

/** A button of a form the user types into (a login or search form) is never a consent decision. */
function inTypingForm($: cheerio.CheerioAPI, control: Node): boolean {
  const form = control.is('a') ? undefined : formOf($, control)
  return (
    form
      ?.find('input')
      .toArray()
      .some((field) => isTextField($(field)) || isPassword($(field))) ?? false
  )
}

/** The one other submit button of the form `deny` belongs to. */
function otherButton($: cheerio.CheerioAPI, deny: Node | undefined): Node | undefined {
  if (!deny || deny.is('a')) return undefined
  const form = formOf($, deny)
  const others = form?.find(SUBMIT_BUTTONS).filter((_, element) => element !== deny.get(0))
  return others && others.length === 1 && !inTypingForm($, others.first()) ? others.first() : undefined
}

function readInterstitial(
  $: cheerio.CheerioAPI,
  settings: FormSettings,
  probe: Probe,
  page: { url: string; refreshHeader?: string },
): FormPage | undefined {
  if (settings.continue) {
    const control = probe.find('login.continue', settings.continue, 'control').first()
    if (control.length > 0) {
      probe.found('login.continue', settings.continue)
      return { kind: 'interstitial', how: 'continue', control: asControl(control) }
    }
  }
  const refresh = [
    ...$('meta')
      .filter((_, element) => ($(element).attr('http-equiv') ?? '').toLowerCase() === 'refresh')
      .toArray()
      .map((element) => $(element).attr('content') ?? ''),
    ...(page.refreshHeader ? [page.refreshHeader] : []),
  ]
    .map((content) => parseRefresh(content, page.url))
    .find((parsed) => parsed !== undefined)
  if (refresh) return { kind: 'interstitial', how: 'meta-refresh', url: refresh }

  const forms = $('form')
    .toArray()
    .map((element) => $(element))
  const fieldless = forms.filter((form) =>
    form
      .find('input, select, textarea')
      .toArray()
      .every((f) => !isVisibleField($(f))),
  )
  const scripted = $('script')
    .toArray()
    .some((element) => /\.submit\s*\(|requestSubmit\s*\(/.test($(element).text()))
  const onload = $('[onload]')
    .toArray()
    .some((element) => /submit\s*\(/.test($(element).attr('onload') ?? ''))
  if ((scripted || onload) && fieldless.length > 0)
    return { kind: 'interstitial', how: 'auto-submit', form: fieldless[0]! }

  // A page whose only form has no field to fill and a single button: "Continue".
  if (forms.length === 1 && fieldless.length === 1) {
    const buttons = fieldless[0]!.find(SUBMIT_BUTTONS)
    if (buttons.length === 1 && !BACKWARD_WORDS.test(wordsOf(buttons.first()))) {
      probe.inferred('login.continue', buttons.first())
      return { kind: 'interstitial', how: 'continue', control: buttons.first() }
    }
  }
  return undefined
}

/** `<meta http-equiv=refresh content="0; url=…">` (HTML §4.2.5.3): the URL, when it is an immediate redirect. */
export function parseRefresh(content: string, pageUrl: string): string | undefined {
  const match = /^\s*(\d+(?:\.\d*)?)\s*(?:[;,]\s*(?:url\s*=\s*)?(.*))?$/i.exec(content)
  if (!match || Number(match[1]) > MAX_REFRESH_SECONDS) return undefined
  const target = (match[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2')
  try {
    return new URL(target || pageUrl, pageUrl).toString()
  } catch {
    return undefined
  }
}

function safeFind(scope: Node, selector: string): Node | undefined {
  try {
    return scope.find(selector)
  } catch {
    return undefined
  }
}

/** The selectors tried while reading a page, one entry per setting, with candidates when one matched nothing. */
class Probe {
  readonly #bySetting = new Map<string, SelectorMatch>()

  constructor(private readonly $: cheerio.CheerioAPI) {}

  /** Elements matching `selector` under `root`; records a miss (an invalid selector matches nothing, and says so). */
  find(setting: string, selector: string, kind: ElementKind, root?: Node): Node {
    let found: Node
    try {
      found = root ? root.find(selector) : this.$.root().find(selector)
    } catch {
      this.#set({ setting, selector, source: sourceOf(setting, selector), matched: false, candidates: [INVALID] })
      return this.$([])
    }
    if (found.length === 0) this.missing(setting, selector, kind)
    return found
  }

  found(setting: string, selector: string): void {
    this.#set({ setting, selector, source: sourceOf(setting, selector), matched: true })
  }

  inferred(setting: string, node: Node): void {
    this.#set({ setting, selector: selectorFor(this.$, node), source: 'inferred', matched: true })
  }

  missing(setting: string, selector: string, kind: ElementKind): void {
    if (this.#bySetting.get(setting)?.matched) return
    const candidateList = candidates(this.$, kind, selector)
    this.#set({ setting, selector, source: sourceOf(setting, selector), matched: false, candidates: candidateList })
  }

  /** Nothing on the page looked like what `setting` names; lists what there is of that kind. */
  notInferred(setting: string, kind: ElementKind): void {
    if (this.#bySetting.get(setting)) return
    this.#set({ setting, source: 'inferred', matched: false, candidates: candidates(this.$, kind, setting) })
  }

  list(): SelectorMatch[] {
    return [...this.#bySetting.values()]
  }

  #set(match: SelectorMatch): void {
    this.#bySetting.set(match.setting, match)
  }
}

const INVALID = '(not a valid CSS selector)'

function sourceOf(setting: string, selector: string): SelectorMatch['source'] {
  return DEFAULTS[setting] === selector ? 'default' : 'target file'
}

/** A control named by a target-file setting: inside `scope` first, then anywhere on the page. */
export function locateControl(
  $: cheerio.CheerioAPI,
  setting: string,
  selector: string,
  scope?: Node,
): { control?: Node; match: SelectorMatch } {
  const probe = new Probe($)
  const control = findControl(probe, setting, selector, scope)
  return { ...(control ? { control } : {}), match: probe.list()[0]! }
}

/** The button that submits `form` for the user: its first submit button that is not a cancel/deny one. */
export function defaultSubmit($: cheerio.CheerioAPI, form: Node): Node | undefined {
  const button = form
    .find(SUBMIT_BUTTONS)
    .toArray()
    .find((element) => !BACKWARD_WORDS.test(wordsOf($(element))))
  return button ? $(button) : undefined
}

/** The cancel button of a login form (labelled cancel, deny, no …), in the form first, then on the page. */
export function inferCancel($: cheerio.CheerioAPI, form: Node): Node | undefined {
  return inferControl($, form, (words) => DENY_WORDS.test(words), true, true)
}
