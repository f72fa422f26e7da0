/**
 * The server examples/module-driver/json-api-login.mjs is written for: an authorization endpoint
 * whose login is a JavaScript app over a JSON API, the shape many real servers have.
 *
 *   GET  /authorize        unknown client or unregistered redirect_uri → 403 HTML page (RFC 6749 §4.1.2.1)
 *                          otherwise → 302 /signin?txn=… (the login app's HTML shell)
 *   POST /api/authn        { txn, username, password } → 200 { status: "CONSENT_REQUIRED" } | 401 { error }
 *   POST /api/consent      { txn, decision: "allow" | "deny" } → 200 { redirect: "<redirect_uri>?code=…&state=…" }
 *   GET  /.well-known/openid-configuration, so the suite can find the endpoints.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export const CLIENT = { client_id: 'spa-app', client_secret: 'spa-app-secret', redirect_uri: 'https://app.example/cb' }
export const USER = { username: 'alice', password: 'wonderland' }

export interface JsonApiServer {
  issuer: string
  /** Codes issued, in order. */
  codes: string[]
  close(): Promise<void>
}

export async function startJsonApiServer(): Promise<JsonApiServer> {
  const transactions = new Map<string, { redirectUri: string; state: string; authenticated: boolean }>()
  const codes: string[] = []
  let issuer = ''

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => json(res, 500, { error: 'server_error', detail: String(error) }))
  })

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', issuer)
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      })
    }
    if (url.pathname === '/authorize' && req.method === 'GET') {
      const redirectUri = url.searchParams.get('redirect_uri')
      if (url.searchParams.get('client_id') !== CLIENT.client_id || redirectUri !== CLIENT.redirect_uri) {
        res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' })
        res.end('<!doctype html><title>Access denied</title><h1>This application is not allowed to sign in here.</h1>')
        return
      }
      const txn = randomBytes(12).toString('base64url')
      transactions.set(txn, { redirectUri, state: url.searchParams.get('state') ?? '', authenticated: false })
      res.writeHead(302, { location: `/signin?txn=${txn}` }).end()
      return
    }
    if (url.pathname === '/signin') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><title>Sign in</title><div id="app"></div><script src="/app.js"></script>')
      return
    }
    if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
      const body = (await readJson(req)) as Record<string, unknown> | undefined
      const transaction = typeof body?.txn === 'string' ? transactions.get(body.txn) : undefined
      if (!transaction) return json(res, 400, { error: 'unknown_transaction' })
      if (url.pathname === '/api/authn') {
        if (body?.username !== USER.username || body?.password !== USER.password)
          return json(res, 401, { error: 'invalid_credentials' })
        transaction.authenticated = true
        return json(res, 200, { status: 'CONSENT_REQUIRED' })
      }
      if (url.pathname === '/api/consent' && transaction.authenticated) {
        transactions.delete(String(body?.txn))
        const target = new URL(transaction.redirectUri)
        if (body?.decision === 'allow') {
          const code = randomBytes(12).toString('base64url')
          codes.push(code)
          target.searchParams.set('code', code)
        } else target.searchParams.set('error', 'access_denied')
        target.searchParams.set('state', transaction.state)
        return json(res, 200, { redirect: target.toString() })
      }
      return json(res, 403, { error: 'not_authenticated' })
    }
    json(res, 404, { error: 'not_found' })
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return { issuer, codes, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of req) text += String(chunk)
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
