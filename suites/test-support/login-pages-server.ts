/**
 * A tiny authorization server (node:http) whose login and consent pages take the shapes real
 * servers use, one variation at a time, for the form driver's tests: a login in one or two
 * steps, a deny button in its own form / as a link / as an input, interstitials (a form that
 * submits itself by script, a meta refresh, a "continue" button), login and consent at the
 * authorization endpoint's own URL, remembered consent, and a wrong password answered with the
 * same page (200) or with a 401. Every form carries a CSRF token bound to the session cookie;
 * a request without it gets a 400, so a driver that drops hidden fields fails.
 *
 *   const server = await serveLoginPages({ deny: 'link' })   →  { url, authorizeUrl(), decisions, close() }
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface PageVariant {
  loginSteps?: 'one' | 'two'
  /** Where the consent page's deny control is; `none`: the consent page has only the approve button. */
  deny?: 'button' | 'form' | 'link' | 'input' | 'none'
  interstitial?: 'none' | 'auto-submit' | 'meta-refresh' | 'continue'
  /** Login and consent pages are served at the authorization endpoint's URL, and posted back to it. */
  sameUrl?: boolean
  /** No consent page: the user approved this client before. */
  rememberConsent?: boolean
  wrongPassword?: 'same-page' | 'status'
  /** Two-step logins: a wrong password starts over at the username page. */
  wrongPasswordRestarts?: boolean
  /** The username field's name on the login page (real servers use email, login, j_username …). */
  usernameName?: string
}

export const CLIENT_ID = 'app'
export const REDIRECT_URI = 'https://client.example/cb'
export const USER = { username: 'alice', password: 'wonderland', claims: {} }

interface Session {
  csrf: string
  /** The pending authorization request. */
  request?: { state: string }
  user?: string
  /** The username typed on step one of a two-step login. */
  identified?: string
  interstitialPassed?: boolean
}

export interface LoginPagesServer {
  url: string
  authorizeUrl(params?: Record<string, string>): string
  /** What the server decided, in order: "code", "access_denied", "wrong password", "csrf rejected". */
  decisions: string[]
  close(): Promise<void>
}

export async function serveLoginPages(variant: PageVariant = {}): Promise<LoginPagesServer> {
  const sessions = new Map<string, Session>()
  const decisions: string[] = []
  const userField = variant.usernameName ?? 'username'

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const form = req.method === 'POST' ? new URLSearchParams(await body(req)) : url.searchParams
    const { session, setCookie } = sessionOf(req)
    const send = (status: number, html: string): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...setCookie }).end(html)
    }
    const redirect = (location: string): void => {
      res.writeHead(302, { location, ...setCookie }).end()
    }
    const toClient = (params: Record<string, string>) => {
      const target = new URL(REDIRECT_URI)
      for (const [name, value] of Object.entries({ ...params, state: session.request?.state ?? '' }))
        target.searchParams.set(name, value)
      session.request = undefined
      redirect(target.toString())
    }
    const csrfOk = () => {
      if (form.get('csrf') === session.csrf) return true
      decisions.push('csrf rejected')
      send(400, page('Bad request', '<p>The form expired (CSRF token missing or wrong).</p>'))
      return false
    }
    const here = `${url.pathname}${url.search}`
    const loginAction = variant.sameUrl ? '' : '/login'
    const consentAction = variant.sameUrl ? '' : '/consent'

    /** Where a logged-in user goes next: an interstitial, the consent page, or back to the client. */
    const proceed = () => {
      if (variant.interstitial && variant.interstitial !== 'none' && !session.interstitialPassed) {
        return send(200, interstitialPage(variant.interstitial, session.csrf))
      }
      if (variant.rememberConsent) {
        decisions.push('code')
        return toClient({ code: randomBytes(8).toString('hex') })
      }
      if (variant.sameUrl) return send(200, consentPage(variant.deny ?? 'button', session.csrf, consentAction))
      return redirect('/consent')
    }
    const showLogin = (status = 200, error?: string) => {
      if (variant.loginSteps === 'two' && !session.identified)
        return send(status, usernamePage(session.csrf, loginAction, userField))
      if (variant.loginSteps === 'two')
        return send(status, passwordPage(session.csrf, loginAction, session.identified!, error))
      return send(status, loginPage(session.csrf, loginAction, userField, error))
    }

    const atAuthorize = url.pathname === '/authorize'
    if (atAuthorize && req.method === 'GET') {
      if (url.searchParams.get('client_id') !== CLIENT_ID || url.searchParams.get('redirect_uri') !== REDIRECT_URI)
        return send(403, page('Error', '<h1>Unknown client</h1><p>The redirect_uri is not registered.</p>'))
      session.request = { state: url.searchParams.get('state') ?? '' }
      session.interstitialPassed = false
      if (session.user) return proceed()
      return variant.sameUrl ? showLogin() : redirect('/login')
    }
    const loginFields = form.has('password') || form.has(userField) || form.get('action') === 'cancel'
    const loginPost = req.method === 'POST' && (url.pathname === '/login' || (atAuthorize && loginFields))
    if (url.pathname === '/login' && req.method === 'GET') return showLogin()
    if (loginPost) {
      if (!csrfOk()) return
      if (form.get('action') === 'cancel') {
        decisions.push('access_denied')
        return toClient({ error: 'access_denied' })
      }
      if (variant.loginSteps === 'two' && !session.identified) {
        session.identified = form.get(userField) ?? ''
        return variant.sameUrl ? showLogin() : redirect('/login')
      }
      const username = variant.loginSteps === 'two' ? session.identified : form.get(userField)
      if (username !== USER.username || form.get('password') !== USER.password) {
        decisions.push('wrong password')
        if (variant.wrongPasswordRestarts) session.identified = undefined
        return showLogin(variant.wrongPassword === 'status' ? 401 : 200, 'Invalid username or password.')
      }
      session.user = username
      return variant.sameUrl ? proceed() : redirect('/resume')
    }
    if (url.pathname === '/resume' && req.method === 'GET') return proceed()
    if (url.pathname === '/interstitial') {
      if (!csrfOk()) return
      session.interstitialPassed = true
      return variant.sameUrl ? proceed() : redirect('/resume')
    }
    if (url.pathname === '/consent' && req.method === 'GET') {
      if (!session.user || !session.request) return send(400, page('Error', '<p>No pending request.</p>'))
      return send(200, consentPage(variant.deny ?? 'button', session.csrf, consentAction))
    }
    const consentPost = req.method === 'POST' && (url.pathname === '/consent' || atAuthorize)
    if (consentPost || url.pathname === '/consent/deny') {
      if (!csrfOk()) return
      if (!session.user || !session.request) return send(400, page('Error', '<p>No pending request.</p>'))
      const denied = url.pathname === '/consent/deny' || form.get('decision') === 'deny' || form.has('deny')
      decisions.push(denied ? 'access_denied' : 'code')
      return toClient(denied ? { error: 'access_denied' } : { code: randomBytes(8).toString('hex') })
    }
    send(404, page('Not found', `<p>${escapeHtml(here)} is not here.</p>`))
  }

  function sessionOf(req: IncomingMessage): { session: Session; setCookie: Record<string, string> } {
    const sid = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1]
    const known = sid ? sessions.get(sid) : undefined
    if (known) return { session: known, setCookie: {} }
    const id = randomBytes(12).toString('base64url')
    const session: Session = { csrf: randomBytes(12).toString('base64url') }
    sessions.set(id, session)
    return { session, setCookie: { 'set-cookie': `sid=${id}; Path=/; HttpOnly; SameSite=Lax` } }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    authorizeUrl: (params = {}) =>
      `${url}/authorize?${new URLSearchParams({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, state: 'xyz', ...params })}`,
    decisions,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function loginPage(csrf: string, action: string, userField: string, error?: string): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1>${error ? `<div class="alert alert-danger" role="alert">${error}</div>` : ''}
<form method="post" action="${action}" class="login">
  <input type="hidden" name="csrf" value="${csrf}">
  <label>Email or username <input type="text" name="${userField}" autocomplete="username"></label>
  <label>Password <input type="password" name="password" autocomplete="current-password"></label>
  <button type="submit" name="action" value="cancel" formnovalidate>Cancel</button>
  <button type="submit" name="action" value="login">Sign in</button>
</form>
<form action="/search"><input type="search" name="q" placeholder="Search help"><button>Search</button></form>`,
  )
}

function usernamePage(csrf: string, action: string, userField: string): string {
  return page(
    'Sign in',
    `<h1>Sign in</h1>
<form method="post" action="${action}" id="identify">
  <input type="hidden" name="csrf" value="${csrf}">
  <label for="user">Email</label><input id="user" type="email" name="${userField}" autocomplete="username">
  <button type="submit">Next</button>
</form>`,
  )
}

function passwordPage(csrf: string, action: string, username: string, error?: string): string {
  return page(
    'Enter your password',
    `<h1>Welcome ${escapeHtml(username)}</h1>${error ? `<p class="error">${error}</p>` : ''}
<form method="post" action="${action}">
  <input type="hidden" name="csrf" value="${csrf}">
  <input type="password" name="password" aria-label="Password">
  <input type="submit" value="Sign in">
</form>`,
  )
}

function consentPage(deny: NonNullable<PageVariant['deny']>, csrf: string, action: string): string {
  const hidden = `<input type="hidden" name="csrf" value="${csrf}">`
  const denyControl = {
    button: `<button type="submit" name="decision" value="deny">Deny</button>`,
    input: `<input type="submit" name="deny" value="No thanks">`,
    form: '',
    link: '',
    none: '',
  }[deny]
  const outside = {
    button: '',
    input: '',
    form: `<form id="deny-form" method="post" action="/consent/deny">${hidden}<button type="submit">Deny</button></form>`,
    link: `<p><a class="secondary" href="/consent/deny?csrf=${csrf}">Deny access</a></p>`,
    none: '',
  }[deny]
  return page(
    'Authorize app',
    `<h1>app wants to access your account</h1>
<form id="consent-form" method="post" action="${action}">
  ${hidden}
  <input type="checkbox" name="scope" value="profile" checked> profile
  <button type="submit" name="decision" value="allow">Allow</button>
  ${denyControl}
</form>
${outside}`,
  )
}

function interstitialPage(how: 'auto-submit' | 'meta-refresh' | 'continue', csrf: string): string {
  if (how === 'meta-refresh')
    return page(
      'Redirecting',
      `<p>Signed in. <a href="/interstitial?csrf=${csrf}">Continue</a> if nothing happens.</p>`,
      `<meta http-equiv="Refresh" content="0; URL='/interstitial?csrf=${csrf}'">`,
    )
  if (how === 'auto-submit')
    return page(
      'Working…',
      `<form method="post" action="/interstitial" name="hop"><input type="hidden" name="csrf" value="${csrf}">
<noscript><button type="submit">Continue</button></noscript></form>
<script>window.onload = function () { document.forms.hop.submit() }</script>`,
    )
  return page(
    'Signed in',
    `<h1>You are signed in</h1><form method="post" action="/interstitial"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">Continue</button></form>`,
  )
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => {
      text += chunk
    })
    req.on('end', () => resolve(text))
    req.on('error', reject)
  })
}
