/**
 * Child process: the floor. The least work any server can do for the bench's flow and still pass
 * every check the load generator makes — a bare `node:http` handler, no framework, no web
 * `Request`/`Response`, no behaviours, no recording, minimal pages, one map per kind of state —
 * while doing what the flow itself requires of every OP: a random interaction, code and token per
 * flow, the login checked, the code single-use and bound to its client, redirect URI and PKCE
 * challenge (S256), client_secret_basic checked in constant time, and one RS256 ID token signed
 * with the same development key the other two servers use.
 *
 * Its flows/s against oidc-provider, in the same sitting, is the best ratio any Node server can
 * reach with this load generator on this machine: a target above it cannot be met by trimming the
 * mock (docs/performance.md). It is not a mock IdP and serves nothing else.
 */
import { createHash, createPrivateKey, randomBytes, sign, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { performance } from 'node:perf_hooks'
import { runChild } from './child.js'
import { floorProfile } from './profiles.js'

const entryStartedAt = performance.now()
const { client, user } = floorProfile
const sub = '248289761001'
const codeTtlMs = 60_000
const tokenTtlMs = 3_600_000

interface Interaction {
  state: string | null
  nonce: string | null
  challenge: string
  loggedIn: boolean
}
interface Code {
  challenge: string
  nonce: string | null
  expiresAt: number
}

const rsaJwk = (
  JSON.parse(readFileSync(new URL('../fixtures/keys/development.jwks.json', import.meta.url), 'utf8')) as {
    keys: Array<Record<string, string>>
  }
).keys.find((key) => key.alg === 'RS256')!
const privateKey = createPrivateKey({ key: rsaJwk, format: 'jwk' })
const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = rsaJwk
const expectedAuthorization = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`

await runChild(
  {
    variant: 'floor (bare node:http, the least work the flow needs)',
    async load() {
      return undefined
    },
    async start() {
      const interactions = new Map<string, Interaction>()
      const codes = new Map<string, Code>()
      const tokens = new Map<string, number>()
      let issuer = ''
      const server = createServer((request, response) => {
        handle(request, response).catch(() => send(response, 500, 'text/plain', 'error'))
      })
      server.keepAliveTimeout = 5_000
      // Expired codes and tokens go every few seconds: the maps stay bounded under any load.
      const sweep = setInterval(() => {
        const now = Date.now()
        for (const [code, entry] of codes) if (entry.expiresAt <= now) codes.delete(code)
        for (const [token, expiresAt] of tokens) if (expiresAt <= now) tokens.delete(token)
      }, 5_000)
      sweep.unref()

      async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const url = new URL(request.url ?? '/', issuer)
        const route = `${request.method} ${url.pathname}`
        if (route === 'GET /.well-known/openid-configuration') return sendJson(response, 200, metadata(issuer))
        if (route === 'GET /jwks') return sendJson(response, 200, { keys: [publicJwk] })
        if (route === 'GET /authorize') return authorize(url.searchParams, response)
        if (route === 'GET /login') return page(request, response, url.searchParams.get('i'), 'login')
        if (route === 'POST /login') return login(request, response)
        if (route === 'GET /consent') return page(request, response, url.searchParams.get('i'), 'consent')
        if (route === 'POST /consent') return consent(request, response)
        if (route === 'POST /token') return token(request, response)
        if (route === 'GET /userinfo') return userinfo(request, response)
        sendJson(response, 404, { error: 'invalid_request' })
      }

      function authorize(query: URLSearchParams, response: ServerResponse): void {
        const challenge = query.get('code_challenge')
        if (
          query.get('client_id') !== client.id ||
          query.get('redirect_uri') !== client.redirectUri ||
          query.get('response_type') !== 'code' ||
          query.get('code_challenge_method') !== 'S256' ||
          !challenge
        ) {
          sendJson(response, 400, { error: 'invalid_request' })
          return
        }
        const id = random()
        interactions.set(id, { state: query.get('state'), nonce: query.get('nonce'), challenge, loggedIn: false })
        response.setHeader('Set-Cookie', `i=${id}; Path=/; HttpOnly; SameSite=Lax`)
        redirect(response, `/login?i=${id}`)
      }

      async function login(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const form = new URLSearchParams(await body(request))
        const id = form.get('i')
        const interaction = interactionOf(request, id)
        if (!interaction) return sendJson(response, 400, { error: 'invalid_request' })
        if (form.get('username') !== user.username || form.get('password') !== user.password) {
          page(request, response, id, 'login')
          return
        }
        interaction.loggedIn = true
        redirect(response, `/consent?i=${id}`)
      }

      async function consent(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const form = new URLSearchParams(await body(request))
        const id = form.get('i')!
        const interaction = interactionOf(request, id)
        if (!interaction?.loggedIn || form.get('decision') !== 'approve') {
          sendJson(response, 400, { error: 'access_denied' })
          return
        }
        interactions.delete(id)
        const code = random()
        codes.set(code, {
          challenge: interaction.challenge,
          nonce: interaction.nonce,
          expiresAt: Date.now() + codeTtlMs,
        })
        const callback = new URL(client.redirectUri)
        callback.searchParams.set('code', code)
        if (interaction.state !== null) callback.searchParams.set('state', interaction.state)
        callback.searchParams.set('iss', issuer)
        redirect(response, callback.href)
      }

      async function token(request: IncomingMessage, response: ServerResponse): Promise<void> {
        const authorization = Buffer.from(request.headers.authorization ?? '')
        const expected = Buffer.from(expectedAuthorization)
        if (authorization.length !== expected.length || !timingSafeEqual(authorization, expected)) {
          sendJson(response, 401, { error: 'invalid_client' }, { 'WWW-Authenticate': 'Basic' })
          return
        }
        const form = new URLSearchParams(await body(request))
        const code = form.get('code') ?? ''
        const entry = codes.get(code)
        codes.delete(code)
        const verifier = form.get('code_verifier') ?? ''
        if (
          form.get('grant_type') !== 'authorization_code' ||
          !entry ||
          entry.expiresAt <= Date.now() ||
          form.get('redirect_uri') !== client.redirectUri ||
          createHash('sha256').update(verifier).digest('base64url') !== entry.challenge
        ) {
          sendJson(response, 400, { error: 'invalid_grant' }, noStore)
          return
        }
        const accessToken = random()
        tokens.set(accessToken, Date.now() + tokenTtlMs)
        const now = Math.floor(Date.now() / 1000)
        const idToken = jwt({ iss: issuer, sub, aud: client.id, iat: now, exp: now + 300, nonce: entry.nonce })
        sendJson(
          response,
          200,
          { access_token: accessToken, token_type: 'Bearer', expires_in: 3600, id_token: idToken },
          noStore,
        )
      }

      function userinfo(request: IncomingMessage, response: ServerResponse): void {
        const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
        const expiresAt = bearer === undefined ? undefined : tokens.get(bearer)
        if (expiresAt === undefined || expiresAt <= Date.now()) {
          sendJson(response, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer error="invalid_token"' })
          return
        }
        sendJson(response, 200, { sub, name: 'Alice Liddell', email: 'alice@example.com', email_verified: true })
      }

      /** The interaction named by the form or query, only for the browser that holds its cookie. */
      function interactionOf(request: IncomingMessage, id: string | null): Interaction | undefined {
        if (!id || !(request.headers.cookie ?? '').split('; ').includes(`i=${id}`)) return undefined
        return interactions.get(id)
      }

      function page(
        request: IncomingMessage,
        response: ServerResponse,
        id: string | null,
        kind: 'login' | 'consent',
      ): void {
        if (!interactionOf(request, id)) {
          sendJson(response, 400, { error: 'invalid_request' })
          return
        }
        const fields =
          kind === 'login'
            ? '<input name="username" autocomplete="username"><input name="password" type="password">' +
              '<button type="submit">Sign in</button>'
            : '<p>codeflow-basic asks for openid profile email</p>' +
              '<button name="decision" value="approve">Allow</button><button name="decision" value="deny">Deny</button>'
        send(
          response,
          200,
          'text/html; charset=utf-8',
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${kind}</title></head><body>` +
            `<form data-testid="${kind}-form" method="post" action="/${kind}"><input type="hidden" name="i" value="${id}">` +
            `${fields}</form></body></html>`,
          noStore,
        )
      }

      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      return {
        url: issuer,
        issuer,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          }),
      }
    },
  },
  entryStartedAt,
)

const noStore = { 'Cache-Control': 'no-store' }

function metadata(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
  }
}

function jwt(claims: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: rsaJwk.kid, typ: 'JWT' })).toString('base64url')
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey).toString('base64url')
  return `${header}.${payload}.${signature}`
}

function random(): string {
  return randomBytes(24).toString('base64url')
}

function body(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = ''
    request.setEncoding('utf8')
    request.on('data', (chunk: string) => {
      text += chunk
      if (text.length > 64 * 1024) request.destroy()
    })
    request.on('end', () => resolve(text))
    request.on('error', reject)
    // Destroyed above (too large) or by the client: no 'end' will come.
    request.on('close', () => reject(new Error('the request closed before its body ended')))
  })
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { Location: location, 'Cache-Control': 'no-store', 'Content-Length': '0' }).end()
}

function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  send(response, status, 'application/json', JSON.stringify(value), headers)
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  text: string,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(status, { ...headers, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) })
    .end(text)
}
