/**
 * A login front end in the style of providers whose pages live at the authorization URL itself:
 * the login page, the consent page and the pages in between are all served at `/authorize` (the
 * forms post back to the same URL, query included), the login form is inserted by a script after
 * the page has loaded, static assets are slow (or never arrive), and the deny button sits in a
 * form of its own. Variants (`SameUrlPages`): a two-step login, a script login app calling a JSON
 * API, a page between login and consent, a callback sent by script, remembered consent. For the
 * browser driver's tests (suites/drivers/browser-driver.test.ts,
 * test/e2e/browser-driver-conformance.test.ts).
 *
 * Only the pages are its own. Validation and codes come from a mock IdP behind it (started with
 * `upstreamConfig()`): every authorization request is first sent to the mock, which either
 * refuses it (the error redirect or error page is relayed as is) or accepts it (the mock then
 * wants its own login page, which is never shown); on approval the request is sent again with
 * `login_hint` (the mock's headless mode) and the mock's redirect, with its code, is relayed.
 * So a target file pointing `endpoints.authorization` here runs real checks: the token endpoint,
 * ID tokens and UserInfo are the mock's.
 *
 *   const front = await startSameUrlProvider({ upstream: idp.url, issuer: idp.issuer, users })
 *   front.authorizationEndpoint   // http://127.0.0.1:<port>/authorize
 *   front.setPages({ loginSteps: 'two' })
 *   await front.close()
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseConfig } from '../../mock-idp/config/load.js'
import type { MockIdpConfigInput } from '../../mock-idp/config/schema.js'

export interface SameUrlPages {
  /** One page with username and password, or a username page then a password page. */
  loginSteps: 'one' | 'two'
  /** The login form is inserted by a script after load (a fetch, then a timer). */
  deferForm: boolean
  /** A script and an image on every page: `slow` answer after `assetDelayMs`, `hang` never answer. */
  assets: 'none' | 'slow' | 'hang'
  assetDelayMs: number
  /**
   * The login page is a script app: it posts JSON to `/authorize/api` with fetch, shows a wrong
   * password in place, and goes where the API says. With `loginSteps: 'two'`, "Next" reveals the
   * password field in the same page (no request).
   */
  loginApp: boolean
  /** A page between login and consent. */
  interstitial: 'none' | 'auto-submit' | 'meta-refresh' | 'continue'
  /** How the approval goes back to the client: the mock's 302, or a page that sets `location.href`. */
  callback: 'redirect' | 'script'
  /** A consent once given is remembered for the session (no consent page next time). */
  rememberConsent: boolean
}

export const DEFAULT_PAGES: SameUrlPages = {
  loginSteps: 'one',
  deferForm: true,
  loginApp: false,
  assets: 'slow',
  assetDelayMs: 3000,
  interstitial: 'none',
  callback: 'redirect',
  rememberConsent: false,
}

export interface SameUrlProvider {
  /** Where the pages are: the authorization endpoint. */
  authorizationEndpoint: string
  setPages(pages: Partial<SameUrlPages>): void
  /** How many times each page was served, e.g. `login`, `password`, `consent`, `interstitial`. */
  served: Map<string, number>
  close(): Promise<void>
}

/** The mock IdP settings the front end relies on: headless login by login_hint, no consent page of its own. */
export function upstreamConfig(): MockIdpConfigInput {
  const { clients } = parseConfig({})
  return {
    log: { level: 'silent' },
    headless: { loginHint: true },
    clients: clients.map((client) => ({ ...client, skip_consent: true })),
  }
}

interface Session {
  username?: string
  /** Username entered on the first page of a two-step login. */
  pendingUsername?: string
  consented: Set<string>
}

const SESSION_COOKIE = 'front_sid'

export async function startSameUrlProvider(options: {
  /** The mock IdP's authorization endpoint. */
  upstreamAuthorize: string
  issuer: string
  users: Array<{ username: string; password: string }>
  pages?: Partial<SameUrlPages>
}): Promise<SameUrlProvider> {
  let pages: SameUrlPages = { ...DEFAULT_PAGES, ...options.pages }
  const sessions = new Map<string, Session>()
  const served = new Map<string, number>()
  const hanging = new Set<ServerResponse>()

  const count = (page: string) => served.set(page, (served.get(page) ?? 0) + 1)

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://front.invalid')
    if (url.pathname.startsWith('/assets/')) return asset(url.pathname, response)
    if (url.pathname === '/login-fragment') {
      // What the deferred login page fetches before it shows its form.
      setTimeout(() => send(response, 200, 'application/json', '{"ready":true}'), 150)
      return
    }
    if (url.pathname === '/authorize/api' && request.method === 'POST') return loginApi(request, response)
    if (url.pathname !== '/authorize') return send(response, 404, 'text/plain', 'not found')

    const body = request.method === 'POST' ? new URLSearchParams(await readBody(request)) : new URLSearchParams()
    const step = body.get('_step')
    // The authorization request: the query, or (a POST authorization request) the form body.
    const params =
      step !== null
        ? new URLSearchParams(body.get('_params') ?? url.searchParams)
        : request.method === 'POST'
          ? mergeParams(url.searchParams, body)
          : url.searchParams
    const session = sessionOf(request, response)

    if (step === null) {
      const verdict = await upstream(params)
      if (verdict.kind === 'refused') return relay(response, verdict.response)
      if (session.username !== undefined) return afterLogin(response, params, session)
      if (pages.loginApp) return loginAppPage(response, params)
      return loginPage(response, params, session, undefined)
    }
    switch (step) {
      case 'cancel':
        return redirectError(response, params, 'access_denied', 'the user cancelled the login')
      case 'username':
        session.pendingUsername = body.get('username') ?? ''
        return passwordPage(response, params, session, undefined)
      case 'password':
      case 'login': {
        const username = step === 'password' ? (session.pendingUsername ?? '') : (body.get('username') ?? '')
        const user = options.users.find((candidate) => candidate.username === username)
        if (!user || user.password !== body.get('password')) {
          return step === 'password'
            ? passwordPage(response, params, session, 'Wrong password')
            : loginPage(response, params, session, 'Wrong username or password')
        }
        session.username = user.username
        return interstitialOrConsent(response, params, session)
      }
      case 'continue':
        return afterLogin(response, params, session)
      case 'consent':
        return approve(response, params, session)
      case 'deny':
        return redirectError(response, params, 'access_denied', 'the user denied the request')
      default:
        return send(response, 400, 'text/plain', 'unknown step')
    }
  }

  /** Asks the mock whether it accepts the request: it then wants its login page (never shown here). */
  async function upstream(
    params: URLSearchParams,
  ): Promise<{ kind: 'accepted' } | { kind: 'refused'; response: Response }> {
    const answer = await fetch(`${options.upstreamAuthorize}?${params}`, { redirect: 'manual' })
    const location = answer.headers.get('location')
    if (
      answer.status === 302 &&
      location &&
      new URL(location, options.upstreamAuthorize).origin === origin(options.upstreamAuthorize)
    ) {
      await answer.body?.cancel()
      return { kind: 'accepted' }
    }
    return { kind: 'refused', response: answer }
  }

  async function relay(response: ServerResponse, answer: Response): Promise<void> {
    const headers: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'text/html' }
    const location = answer.headers.get('location')
    if (location) headers.location = location
    response.writeHead(answer.status, headers)
    response.end(await answer.text())
  }

  function afterLogin(response: ServerResponse, params: URLSearchParams, session: Session): Promise<void> | void {
    if (pages.rememberConsent && session.consented.has(params.get('client_id') ?? ''))
      return approve(response, params, session)
    return consentPage(response, params)
  }

  function interstitialOrConsent(response: ServerResponse, params: URLSearchParams, session: Session) {
    if (pages.interstitial === 'none') return afterLogin(response, params, session)
    count('interstitial')
    const hidden = hiddenParams(params)
    switch (pages.interstitial) {
      case 'auto-submit':
        return page(
          response,
          'Signing you in',
          `<form method="post" action=""><input type="hidden" name="_step" value="continue">${hidden}<noscript><button>Continue</button></noscript></form>
<script>document.forms[0].submit()</script>`,
        )
      case 'meta-refresh':
        // Back to the authorization URL itself with a GET: the session now carries the login.
        return page(
          response,
          'Signing you in',
          '<p>One moment…</p>',
          `<meta http-equiv="refresh" content="0; url=${escapeHtml(`/authorize?${params}`)}">`,
        )
      case 'continue':
        return page(
          response,
          'Your password expires soon',
          `<p>Change it in your account settings.</p>
<form method="post" action=""><input type="hidden" name="_step" value="continue">${hidden}<button data-testid="interstitial-continue">Continue</button></form>`,
        )
    }
  }

  /** The script app's API: JSON in, JSON out; the session is the same cookie as the pages'. */
  async function loginApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const session = sessionOf(request, response)
    let body: { username?: unknown; password?: unknown; action?: unknown; params?: unknown }
    try {
      body = JSON.parse(await readBody(request)) as typeof body
    } catch {
      return send(response, 400, 'application/json', '{"error":"invalid_request"}')
    }
    const params = new URLSearchParams(typeof body.params === 'string' ? body.params : '')
    if (body.action === 'cancel') {
      const target = errorRedirectUrl(params, 'access_denied', 'the user cancelled the login')
      return send(response, 200, 'application/json', JSON.stringify({ redirect: target }))
    }
    const user = options.users.find((candidate) => candidate.username === body.username)
    if (!user || user.password !== body.password)
      return send(response, 401, 'application/json', '{"error":"invalid_credentials"}')
    session.username = user.username
    // Back to the authorization URL: the session now carries the login.
    send(response, 200, 'application/json', JSON.stringify({ redirect: `/authorize?${params}` }))
  }

  function loginAppPage(response: ServerResponse, params: URLSearchParams) {
    count('login')
    const twoSteps = pages.loginSteps === 'two'
    const app = `(() => {
  const params = ${JSON.stringify(params.toString()).replaceAll('<', '\\u003c')}
  const root = document.getElementById('login-app')
  root.innerHTML = '<p role="alert" data-testid="login-error" hidden></p>'
    + '<label>Username <input name="username" data-testid="login-username"></label>'
    + (${twoSteps} ? '<button type="button" data-testid="login-next">Next</button>' : '')
    + '<label ' + (${twoSteps} ? 'hidden' : '') + ' id="password-row">Password <input type="password" name="password" data-testid="login-password"></label>'
    + '<button type="button" data-testid="login-submit" ' + (${twoSteps} ? 'hidden' : '') + '>Sign in</button>'
    + '<button type="button" data-testid="login-cancel">Cancel</button>'
  const $ = (id) => root.querySelector('[data-testid=' + id + ']')
  const call = (body) => fetch('/authorize/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...body, params }) })
  if (${twoSteps}) $('login-next').addEventListener('click', () => {
    document.getElementById('password-row').hidden = false
    $('login-submit').hidden = false
  })
  $('login-submit').addEventListener('click', async () => {
    const answer = await call({ username: $('login-username').value, password: $('login-password').value })
    if (answer.ok) { location.href = (await answer.json()).redirect; return }
    $('login-error').textContent = 'Wrong username or password'
    $('login-error').hidden = false
    $('login-password').value = ''
  })
  $('login-cancel').addEventListener('click', async () => {
    location.href = (await (await call({ action: 'cancel' })).json()).redirect
  })
})()`
    return page(response, 'Sign in', `<div id="login-app"></div><script>${app}</script>`)
  }

  function loginPage(response: ServerResponse, params: URLSearchParams, session: Session, error: string | undefined) {
    if (pages.loginSteps === 'two' && session.pendingUsername !== undefined && error === undefined) {
      // A fresh authorization starts the two-step login again.
      session.pendingUsername = undefined
    }
    count('login')
    const hidden = hiddenParams(params)
    const alert = error ? `<p role="alert" data-testid="login-error">${error}</p>` : ''
    const fields =
      pages.loginSteps === 'one'
        ? `<input type="hidden" name="_step" value="login">
<label>Username <input name="username" data-testid="login-username" autocomplete="username"></label>
<label>Password <input type="password" name="password" data-testid="login-password" autocomplete="current-password"></label>
<button data-testid="login-submit">Sign in</button>`
        : // A hidden password field for password managers, as some providers have on the username page.
          `<input type="hidden" name="_step" value="username">
<label>Username <input name="username" data-testid="login-username" autocomplete="username"></label>
<input type="password" name="password-manager-hint" data-testid="login-password" style="display:none" tabindex="-1">
<button data-testid="login-next">Next</button>`
    const form = `${alert}<form method="post" action="" data-testid="login-form">${hidden}${fields}</form>
<form method="post" action=""><input type="hidden" name="_step" value="cancel">${hidden}<button data-testid="login-cancel">Cancel</button></form>`
    return page(response, 'Sign in', deferred(form))
  }

  function passwordPage(
    response: ServerResponse,
    params: URLSearchParams,
    session: Session,
    error: string | undefined,
  ) {
    count('password')
    const alert = error ? `<p role="alert" data-testid="login-error">${error}</p>` : ''
    const form = `${alert}<p>Signed in as ${escapeHtml(session.pendingUsername ?? '')}</p>
<form method="post" action="" data-testid="login-form">${hiddenParams(params)}<input type="hidden" name="_step" value="password">
<label>Password <input type="password" name="password" data-testid="login-password" autocomplete="current-password"></label>
<button data-testid="login-submit">Sign in</button></form>`
    return page(response, 'Enter your password', deferred(form))
  }

  function consentPage(response: ServerResponse, params: URLSearchParams) {
    count('consent')
    const hidden = hiddenParams(params)
    return page(
      response,
      'Allow access?',
      `<p>${escapeHtml(params.get('client_id') ?? '')} asks for: ${escapeHtml(params.get('scope') ?? '')}</p>
<form method="post" action="" data-testid="consent-form"><input type="hidden" name="_step" value="consent">${hidden}<button data-testid="consent-approve">Allow</button></form>
<form method="post" action="" class="secondary"><input type="hidden" name="_step" value="deny">${hidden}<button data-testid="consent-deny">Deny</button></form>`,
    )
  }

  /** The mock issues the code for the signed-in user (headless login_hint); its answer goes to the browser. */
  async function approve(response: ServerResponse, params: URLSearchParams, session: Session): Promise<void> {
    session.consented.add(params.get('client_id') ?? '')
    const forward = new URLSearchParams(params)
    forward.delete('prompt')
    forward.set('login_hint', session.username ?? '')
    const answer = await fetch(`${options.upstreamAuthorize}?${forward}`, { redirect: 'manual' })
    const location = answer.headers.get('location')
    if (pages.callback === 'script' && location) {
      await answer.body?.cancel()
      return page(
        response,
        'Redirecting',
        `<p>Taking you back…</p><script>setTimeout(() => { location.href = ${JSON.stringify(location).replaceAll('<', '\\u003c')} }, 50)</script>`,
      )
    }
    return relay(response, answer)
  }

  function redirectError(response: ServerResponse, params: URLSearchParams, error: string, description: string) {
    response.writeHead(302, { location: errorRedirectUrl(params, error, description) })
    response.end()
  }

  function errorRedirectUrl(params: URLSearchParams, error: string, description: string): string {
    const target = new URL(params.get('redirect_uri') ?? 'about:blank')
    target.searchParams.set('error', error)
    target.searchParams.set('error_description', description)
    const state = params.get('state')
    if (state !== null) target.searchParams.set('state', state)
    target.searchParams.set('iss', options.issuer)
    return target.toString()
  }

  function page(response: ServerResponse, title: string, main: string, head = ''): void {
    const assets =
      pages.assets === 'none'
        ? { head: '', body: '' }
        : {
            head: '<script async src="/assets/analytics.js"></script>',
            body: '<img src="/assets/logo.png" alt="" width="1" height="1">',
          }
    send(
      response,
      200,
      'text/html; charset=utf-8',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}${assets.head}<link rel="icon" href="data:,"></head>
<body><h1>${escapeHtml(title)}</h1>${assets.body}<main>${main}</main></body></html>`,
    )
  }

  /** The login form as a template a script inserts after a fetch and a timer, once the page has loaded. */
  function deferred(form: string): string {
    if (!pages.deferForm) return form
    const insert = `fetch('/login-fragment').then(() => setTimeout(() => { const root = document.getElementById('login-root'); root.append(document.getElementById('login-template').content.cloneNode(true)) }, 100))`
    // With hanging assets "load" never fires: the form then comes after DOMContentLoaded.
    const when = pages.assets === 'hang' ? 'DOMContentLoaded' : 'load'
    return `<div id="login-root"></div><template id="login-template">${form}</template>
<script>addEventListener('${when}', () => { ${insert} })</script>`
  }

  function asset(path: string, response: ServerResponse): void {
    if (pages.assets === 'hang') {
      hanging.add(response)
      response.on('close', () => hanging.delete(response))
      return
    }
    const [type, content] =
      path === '/assets/analytics.js'
        ? ['text/javascript', 'window.analyticsLoaded = true']
        : ['image/gif', Buffer.from('R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==', 'base64')]
    const timer = setTimeout(() => send(response, 200, type, content), pages.assets === 'slow' ? pages.assetDelayMs : 0)
    response.on('close', () => clearTimeout(timer))
  }

  function sessionOf(request: IncomingMessage, response: ServerResponse): Session {
    const id = /(?:^|;\s*)front_sid=([\w-]+)/.exec(request.headers.cookie ?? '')?.[1]
    const existing = id === undefined ? undefined : sessions.get(id)
    if (existing) return existing
    const created: Session = { consented: new Set() }
    const fresh = randomUUID()
    sessions.set(fresh, created)
    response.setHeader('set-cookie', `${SESSION_COOKIE}=${fresh}; Path=/; HttpOnly; SameSite=Lax`)
    return created
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      if (!response.headersSent) send(response, 500, 'text/plain', error.message)
      else response.destroy()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    authorizationEndpoint: `http://127.0.0.1:${port}/authorize`,
    setPages: (changes) => {
      pages = { ...pages, ...changes }
    },
    served,
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function hiddenParams(params: URLSearchParams): string {
  // The same URL carries the request in its query; a POST authorization request has it only in
  // its body, so every form carries it too.
  return `<input type="hidden" name="_params" value="${escapeHtml(params.toString())}">`
}

function mergeParams(query: URLSearchParams, body: URLSearchParams): URLSearchParams {
  const merged = new URLSearchParams(query)
  for (const [name, value] of body) if (!name.startsWith('_')) merged.append(name, value)
  return merged
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  if (response.writableEnded || response.destroyed) return
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  response.end(body)
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      body += chunk
    })
    request.on('end', () => resolve(body))
    request.on('error', reject)
  })
}

function origin(url: string): string {
  return new URL(url).origin
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  )
}
