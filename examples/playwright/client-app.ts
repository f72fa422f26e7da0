/**
 * The client app the Playwright examples sign in to, as small as it gets: a home page whose
 * "Sign in" link goes to the authorization endpoint, and a callback page that shows what came
 * back. A real app would read the endpoint from discovery, keep `state` (and a PKCE verifier) in
 * its session, check them on the callback and redeem the code; the examples check in the test.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The client the examples register with the mock (a confidential client, client_secret_basic). */
export const MY_APP = { client_id: 'my-app', client_secret: 'my-app-secret-0123456789' }

/** The mock's default authorization path (docs/mock-idp.md "Endpoints"); discovery advertises it too. */
const AUTHORIZATION_PATH = '/oauth/authorize'

export function authorizationUrl(issuer: string, redirectUri: string): string {
  const url = new URL(issuer.replace(/\/$/, '') + AUTHORIZATION_PATH)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: MY_APP.client_id,
    redirect_uri: redirectUri,
    scope: 'openid profile',
    state: randomBytes(16).toString('base64url'),
  }).toString()
  return url.href
}

export function homePage(issuer: string, redirectUri: string): string {
  const href = escapeHtml(authorizationUrl(issuer, redirectUri))
  return `<!doctype html><title>My app</title><h1>My app</h1><a href="${href}">Sign in</a>`
}

/** What the callback page shows: the parameters the IdP sent back (not secret here: test data). */
export function callbackPage(callback: URL): string {
  const field = (name: string) =>
    `<p>${name}: <code data-testid="${name}">${escapeHtml(callback.searchParams.get(name) ?? '')}</code></p>`
  return `<!doctype html><title>Signed in</title><h1>Back in my app</h1>${['code', 'state', 'iss', 'error'].map(field).join('')}`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export interface ClientApp {
  /** http://127.0.0.1:<port> */
  url: string
  redirectUri: string
  /** The home page, its "Sign in" link pointing at `issuer` (a real app has it in its config). */
  home(issuer: string): string
  close(): Promise<void>
}

/** The app on a real port: GET /?issuer=… is the home page, GET /callback the callback page. */
export async function startClientApp(): Promise<ClientApp> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    const issuer = url.searchParams.get('issuer')
    const html =
      url.pathname === '/callback'
        ? callbackPage(url)
        : url.pathname === '/' && issuer
          ? homePage(issuer, redirectUri)
          : undefined
    response.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    response.end(html ?? 'not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const redirectUri = `${origin}/callback`
  return {
    url: origin,
    redirectUri,
    home: (issuer) => `${origin}/?issuer=${encodeURIComponent(issuer)}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * What the app's server does with the code: redeem it at the token endpoint (the mock's default
 * path), here to show the code is real and whose it is. Returns the ID token's claims.
 */
export async function redeemCode(issuer: string, code: string, redirectUri: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${issuer.replace(/\/$/, '')}/auth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${btoa(`${MY_APP.client_id}:${MY_APP.client_secret}`)}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }),
  })
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`)
  const { id_token } = (await response.json()) as { id_token: string }
  return JSON.parse(Buffer.from(id_token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>
}
