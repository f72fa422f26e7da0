/**
 * The `module` login driver: the target's own async function logs in (for API-driven logins).
 * Its module's default export receives the authorization URL, the user and an HTTP helper whose
 * requests are recorded like the suite's own, and returns either the callback URL it was sent
 * to, or — when the server answered with a page of its own and did not redirect (an error page
 * for an unregistered redirect_uri or an unknown client, RFC 6749 §4.1.2.1) — that page, so the
 * negative checks judge it instead of ending in `error`.
 *
 * What the driver reads around the module: the user signed in when the module sent the user's
 * password; a returned page that posts the response to the client is the form_post response
 * mode; a scenario's POST authorization request is sent when the module first requests the URL
 * it was given.
 */
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as cheerio from 'cheerio'
import { DriveError } from '../harness/evidence.js'
import type { HttpClient } from '../harness/http-client.js'
import { truncationMarker, utf8Prefix } from '../harness/limits.js'
import type { TargetFile, TargetUser } from '../harness/target.js'
import { readCallback } from './callback.js'
import type { AuthorizeInput, AuthorizeResult, LoginDriver } from './driver.js'
import { findFormPost } from './form-post-response.js'

type ModuleSettings = Extract<TargetFile['login'], { driver: 'module' }>

export interface LoginModuleInput {
  authorizationUrl: string
  user: TargetUser
  /** The client's redirect URIs: stop when the server redirects to one of them. */
  redirectUris: string[]
  /** Sends one request without following redirects; recorded (redacted) in the report. */
  request(input: {
    method?: string
    url: string
    headers?: Record<string, string>
    form?: Record<string, string>
    body?: string
  }): Promise<{
    status: number
    headers: Headers
    text: string
  }>
}

/** "The server answered with this page and did not redirect back to the client." */
export interface LoginModulePage {
  kind: 'page'
  /** The HTTP status of the page (e.g. 400 or 403 for an error page). */
  status: number
  /** The URL the page was served at. */
  url: string
  /** The page's body (HTML, or the JSON the login API answered with). */
  body: string
}

/** What a login module returns: the callback URL (query or fragment carry the response), or the page it stopped on. */
export type LoginModuleResult = string | LoginModulePage

export type LoginModule = (input: LoginModuleInput) => Promise<LoginModuleResult>

export class ModuleDriver implements LoginDriver {
  readonly name = 'module'

  private constructor(
    private readonly http: HttpClient,
    private readonly login: LoginModule,
  ) {}

  static async load(http: HttpClient, settings: ModuleSettings, baseDir: string): Promise<ModuleDriver> {
    const path = isAbsolute(settings.module) ? settings.module : resolve(baseDir, settings.module)
    let loaded: { default?: unknown }
    try {
      loaded = (await import(pathToFileURL(path).href)) as { default?: unknown }
    } catch (error) {
      throw new DriveError(`login.module: cannot load "${path}": ${(error as Error).message}`)
    }
    if (typeof loaded.default !== 'function')
      throw new DriveError(`login.module: "${path}" has no default export function`)
    return new ModuleDriver(http, loaded.default as LoginModule)
  }

  async authorize(input: AuthorizeInput): Promise<AuthorizeResult> {
    const before = this.http.exchanges.length
    const label = `${input.label}: login module`
    // A module starts every authorization by navigating to a URL. When the scenario sends the
    // request as a form POST (OIDC Core §3.1.2.1), the module is given the same request as a URL,
    // and its first GET of that URL is sent as the POST.
    const post =
      input.method === 'POST' ? { url: withQuery(input.url, input.form ?? {}), form: input.form ?? {} } : undefined
    let posted = false
    // A login is what the module did when it sent the user's password; a prompt=none or an
    // existing session comes back without one (the checks on prompt and max_age depend on it).
    let sawLogin = false
    let returned: unknown
    try {
      returned = await this.login({
        authorizationUrl: post?.url ?? input.url,
        user: input.user,
        redirectUris: input.clientUris,
        request: async (request) => {
          if (sendsPassword(request, input.user.password)) sawLogin = true
          const asPost =
            post !== undefined && !posted && (request.method ?? 'GET') === 'GET' && request.url === post.url
          if (asPost) posted = true
          const response = await this.http.send(
            asPost
              ? { method: 'POST', url: input.url, form: post.form, headers: request.headers, jar: input.jar, label }
              : { ...request, jar: input.jar, label },
          )
          return { status: response.status, headers: response.headers, text: response.text }
        },
      })
    } catch (error) {
      throw new DriveError(`the login module failed: ${(error as Error).message}`)
    }
    if (post && !posted)
      throw new DriveError(
        `the login module never requested the authorization URL it was given (${input.label}), so the request could not be sent as a POST`,
      )
    const exchanges = [...this.http.exchanges.slice(before)]
    if (typeof returned === 'string') {
      if (!URL.canParse(returned))
        throw new DriveError(`the login module returned "${returned.slice(0, 100)}", which is not an absolute URL`)
      return { ...readCallback(returned, 'redirect'), sawLogin, sawConsent: false, exchanges }
    }
    const page = readPage(returned)
    // The module's own string: bounded like a page the suite reads itself (limits.maxResponseBytes.page).
    const cut = utf8Prefix(page.body, this.http.limits.maxResponseBytes.page)
    const html = cut ? `${cut.text}${truncationMarker(Buffer.byteLength(page.body))}` : page.body
    // A page that posts the response to the client is the form_post response mode, whether or
    // not the module knew it.
    const formPost = findFormPost(cheerio.load(html), page.url, input.clientUris)
    if (formPost) return { ...formPost, sawLogin, sawConsent: false, exchanges }
    return { kind: 'page', status: page.status, url: page.url, html, sawLogin, exchanges }
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const parsed = new URL(url)
  for (const [name, value] of Object.entries(params)) parsed.searchParams.append(name, value)
  return parsed.href
}

/** Whether a request of the module carries the password: in a form field, or anywhere in its body (JSON or form-encoded). */
function sendsPassword(request: Parameters<LoginModuleInput['request']>[0], password: string): boolean {
  if (password === '') return false
  if (Object.values(request.form ?? {}).includes(password)) return true
  const body = request.body ?? ''
  return [password, JSON.stringify(password).slice(1, -1), encodeURIComponent(password)].some((form) =>
    body.includes(form),
  )
}

/** A `{ kind: 'page' }` result, checked: a module is the user's code, its mistakes get a clear message. */
function readPage(value: unknown): LoginModulePage {
  const page = value as Partial<LoginModulePage> | null
  const problems: string[] = []
  if (!page || typeof page !== 'object' || page.kind !== 'page') {
    throw new DriveError(
      `the login module must return the callback URL (a string) or { kind: 'page', status, url, body }; it returned ${describe(value)}`,
    )
  }
  if (!Number.isInteger(page.status) || page.status! < 100 || page.status! > 599)
    problems.push('"status" (an HTTP status)')
  if (typeof page.url !== 'string' || !URL.canParse(page.url)) problems.push('"url" (an absolute URL)')
  if (typeof page.body !== 'string') problems.push('"body" (a string)')
  if (problems.length > 0)
    throw new DriveError(`the login module returned a page result without a valid ${problems.join(', ')}`)
  return page as LoginModulePage
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (typeof value === 'object') return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`
  return `a ${typeof value}`
}
