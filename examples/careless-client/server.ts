/**
 * A deliberately careless client app — DO NOT COPY. It signs users in with a hand-rolled
 * authorization-code flow that gets most things right (PKCE S256, `state`, the RFC 9207 `iss`
 * parameter, the token response, the ID token's signature, `alg`, `exp`, `iat`, `sub`, `azp`,
 * `at_hash`, `crit`, UserInfo `sub`, JSON only as application/json) and four things wrong, on
 * purpose, so that `codeflow client` has a known set of flaws to find (README.md lists the
 * behaviours that expose them):
 *
 *   1. it never compares the ID token's `nonce` with the one it sent (OIDC Core §3.1.3.7 step 11);
 *   2. it never checks that the ID token's `aud` lists its client_id (§3.1.3.7 step 3);
 *   3. it never checks that the ID token's `iss` is the issuer (§3.1.3.7 step 2);
 *   4. it fetches the JWK Set once and caches it forever, so a new `kid` after a key rotation is
 *      never found (§10.1.1: the verifier goes back to the jwks_uri when it sees an unfamiliar kid).
 *
 * Same routes, environment variables, pages and refusal log line as examples/client-app/server.ts:
 *   GET /login, GET /callback, GET / ("Signed in as …", data-testid="user"), GET /health.
 *
 * Run: node --import tsx examples/careless-client/server.ts
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose'

interface Discovery {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint?: string
  jwks_uri: string
  id_token_signing_alg_values_supported?: string[]
  authorization_response_iss_parameter_supported?: boolean
}

interface Session {
  pending?: { state: string; nonce: string; codeVerifier: string }
  user?: Record<string, unknown>
}

/** A refusal: the sign-in stops here, and the page and the log say why. */
class SignInRefused extends Error {}

const settings = readSettings()
const sessions = new Map<string, Session>()
let discovery: Promise<Discovery> | undefined
// Flaw 4: one download of the JWK Set for the life of the process.
let keys: Promise<ReturnType<typeof createLocalJWKSet>> | undefined

async function metadata(): Promise<Discovery> {
  discovery ??= getJson(new URL('.well-known/openid-configuration', withSlash(settings.issuer)).href).then(
    (document) => document as unknown as Discovery,
    (error: unknown) => {
      discovery = undefined
      throw error
    },
  )
  return discovery
}

async function jwks(): Promise<ReturnType<typeof createLocalJWKSet>> {
  keys ??= metadata()
    .then((document) => getJson(document.jwks_uri))
    .then(
      (set) => createLocalJWKSet(set as unknown as JSONWebKeySet),
      (error: unknown) => {
        keys = undefined
        throw error
      },
    )
  return keys
}

async function login(session: Session, res: ServerResponse): Promise<void> {
  const document = await metadata()
  const pending = { state: random(), nonce: random(), codeVerifier: random() }
  session.pending = pending
  const url = new URL(document.authorization_endpoint)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: sha256(pending.codeVerifier),
    code_challenge_method: 'S256',
  }).toString()
  redirect(res, url.href)
}

async function callback(session: Session, query: URLSearchParams, res: ServerResponse): Promise<void> {
  const pending = session.pending
  delete session.pending
  if (!pending) throw new SignInRefused('no sign-in in progress in this browser')
  const document = await metadata()
  // RFC 6749 §10.12: the state must be the one this browser's session sent.
  if (query.get('state') !== pending.state) throw new SignInRefused('"state" does not match the one sent')
  // RFC 9207 §2.4: the authorization response's iss is checked (only the ID token's is not).
  const iss = query.get('iss')
  if (iss !== null ? iss !== document.issuer : document.authorization_response_iss_parameter_supported === true) {
    throw new SignInRefused('"iss" authorization response parameter missing or not the issuer')
  }
  const error = query.get('error')
  if (error !== null) throw new SignInRefused(`authorization error: ${error}`)
  const code = query.get('code')
  if (code === null) throw new SignInRefused('no "code" in the authorization response')

  // OIDC Discovery §3: the provider must support the alg this client expects its ID tokens in.
  if (!document.id_token_signing_alg_values_supported?.includes(settings.idTokenAlg)) {
    throw new SignInRefused(`the provider does not advertise ${settings.idTokenAlg} for ID tokens`)
  }
  const tokens = await redeem(document, code, pending.codeVerifier)
  const claims = await validateIdToken(tokens.id_token, tokens.access_token)
  const userinfo = document.userinfo_endpoint
    ? await fetchUserInfo(document.userinfo_endpoint, tokens.access_token)
    : {}
  // OIDC Core §5.3.4: UserInfo must be about the ID token's subject.
  if (document.userinfo_endpoint && userinfo.sub !== claims.sub) throw new SignInRefused('UserInfo "sub" mismatch')
  session.user = { ...claims, ...userinfo }
  redirect(res, '/')
}

interface Tokens {
  access_token: string
  id_token: string
}

async function redeem(document: Discovery, code: string, codeVerifier: string): Promise<Tokens> {
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: settings.redirectUri,
    code_verifier: codeVerifier,
  })
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json',
  }
  if (settings.authMethod === 'client_secret_basic') {
    // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
    const credentials = `${formEncode(settings.clientId)}:${formEncode(settings.clientSecret ?? '')}`
    headers.Authorization = `Basic ${Buffer.from(credentials).toString('base64')}`
  } else {
    body.set('client_id', settings.clientId)
    if (settings.authMethod === 'client_secret_post') body.set('client_secret', settings.clientSecret ?? '')
  }
  const response = await fetch(document.token_endpoint, { method: 'POST', headers, body, signal: timeout() })
  const json = await jsonBody(response)
  if (!isObject(json)) throw new SignInRefused(`token endpoint answered ${response.status} without a JSON object`)
  // RFC 6749 §5.2: an error member means an error, whatever the status.
  if (response.status !== 200 || json.error !== undefined) {
    throw new SignInRefused(`token error: ${String(json.error ?? response.status)}`)
  }
  // RFC 6749 §5.1 / §7.1: token_type is required and case-insensitive; only Bearer is understood.
  if (typeof json.token_type !== 'string' || json.token_type.toLowerCase() !== 'bearer') {
    throw new SignInRefused('"token_type" missing or not Bearer')
  }
  if (typeof json.access_token !== 'string' || typeof json.id_token !== 'string') {
    throw new SignInRefused('"access_token" or "id_token" missing from the token response')
  }
  return { access_token: json.access_token, id_token: json.id_token }
}

async function validateIdToken(idToken: string, accessToken: string): Promise<Record<string, unknown>> {
  let claims: Record<string, unknown>
  let alg: string
  try {
    // Signature with the cached keys only, the registered alg only, exp/nbf, and any crit
    // header refused (jose understands none). Flaws 1–3: no issuer, audience or nonce expected.
    const verified = await jwtVerify(idToken, await jwks(), { algorithms: [settings.idTokenAlg] })
    claims = verified.payload as Record<string, unknown>
    alg = verified.protectedHeader.alg
  } catch (error) {
    const kid = safeKid(idToken)
    throw new SignInRefused(`ID token rejected: ${(error as Error).message}${kid ? ` (kid ${kid})` : ''}`)
  }
  const now = Math.floor(Date.now() / 1000)
  // OIDC Core §2: iat is when the token was issued, never in the future (60 s of skew allowed).
  if (typeof claims.iat !== 'number' || claims.iat > now + 60)
    throw new SignInRefused('ID token "iat" is in the future')
  // OIDC Core §2: sub is at most 255 ASCII characters.
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 255) {
    throw new SignInRefused('ID token "sub" missing or longer than 255 characters')
  }
  // OIDC Core §3.1.3.7 step 5: an azp, when present, must be this client.
  if (claims.azp !== undefined && claims.azp !== settings.clientId)
    throw new SignInRefused('ID token "azp" is another client')
  // OIDC Core §3.1.3.8: at_hash is the left half of the access token's hash.
  if (claims.at_hash !== undefined && claims.at_hash !== leftHalfHash(accessToken, alg)) {
    throw new SignInRefused('ID token "at_hash" does not match the access token')
  }
  return claims
}

async function fetchUserInfo(endpoint: string, accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(endpoint, {
    headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
    signal: timeout(),
  })
  const json = await jsonBody(response)
  if (response.status !== 200 || !isObject(json))
    throw new SignInRefused(`UserInfo answered ${response.status} without JSON`)
  return json
}

function home(session: Session, res: ServerResponse): void {
  const name = session.user?.name ?? session.user?.sub
  page(
    res,
    200,
    'Careless app',
    name === undefined
      ? '<p>Not signed in. <a href="/login">Sign in</a></p>'
      : `<p data-testid="user">Signed in as ${escapeHtml(String(name))}</p>`,
  )
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const session = sessionOf(req, res)
  const handled =
    req.method !== 'GET'
      ? page(res, 405, 'Method not allowed', '<p>GET only.</p>')
      : url.pathname === '/login'
        ? login(session, res)
        : url.pathname === new URL(settings.redirectUri).pathname
          ? callback(session, url.searchParams, res)
          : url.pathname === '/'
            ? home(session, res)
            : url.pathname === '/health'
              ? page(res, 200, 'ok', '<p>ok</p>')
              : page(res, 404, 'Not found', '<p>Not found.</p>')
  Promise.resolve(handled).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    process.stderr.write(`sign-in refused: ${reason}\n`)
    if (res.headersSent) return
    // A refusal answers 400; anything else that stops the sign-in (the provider unreachable) 502.
    const status = error instanceof SignInRefused ? 400 : 502
    page(res, status, 'Sign-in failed', `<p data-testid="sign-in-error">Sign-in failed: ${escapeHtml(reason)}</p>`)
  })
})
server.listen(settings.port, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo
  process.stdout.write(`careless-client listening on http://127.0.0.1:${port}\n`)
})
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => server.close(() => process.exit(0)))
}

function readSettings() {
  const env = process.env
  const missing = ['OIDC_ISSUER', 'OIDC_CLIENT_ID'].filter((name) => !env[name])
  if (missing.length > 0) {
    process.stderr.write(`careless-client: set ${missing.join(' and ')}\n`)
    process.exit(2)
  }
  const port = Number(env.PORT || 3000)
  const authMethod = env.OIDC_TOKEN_ENDPOINT_AUTH_METHOD || 'client_secret_basic'
  if (!['client_secret_basic', 'client_secret_post', 'none'].includes(authMethod) || !Number.isInteger(port)) {
    process.stderr.write('careless-client: OIDC_TOKEN_ENDPOINT_AUTH_METHOD or PORT is not valid\n')
    process.exit(2)
  }
  return {
    issuer: env.OIDC_ISSUER!,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    authMethod,
    redirectUri: env.OIDC_REDIRECT_URI || `http://127.0.0.1:${port}/callback`,
    scope: env.OIDC_SCOPE || 'openid profile email',
    idTokenAlg: env.OIDC_ID_TOKEN_ALG || 'RS256',
    port,
  }
}

function sessionOf(req: IncomingMessage, res: ServerResponse): Session {
  const id = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1]
  const existing = id === undefined ? undefined : sessions.get(id)
  if (existing) return existing
  const fresh = random()
  const session: Session = {}
  sessions.set(fresh, session)
  res.setHeader('Set-Cookie', `sid=${fresh}; Path=/; HttpOnly; SameSite=Lax`)
  return session
}

async function getJson(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: timeout() })
  const json = await jsonBody(response)
  if (response.status !== 200 || !isObject(json)) throw new Error(`${url} answered ${response.status} without JSON`)
  return json
}

/**
 * The body of a JSON answer, or undefined: discovery, the token endpoint and UserInfo all answer
 * application/json (OIDC Discovery §4.2, RFC 6749 §5.1, OIDC Core §5.3.2); the JWK Set may say
 * application/jwk-set+json (RFC 7517 §8.5).
 */
async function jsonBody(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/json' && type !== 'application/jwk-set+json') return undefined
  return response.json().catch(() => undefined)
}

function leftHalfHash(value: string, alg: string): string {
  const bits = alg.endsWith('512') ? 'sha512' : alg.endsWith('384') ? 'sha384' : 'sha256'
  const digest = createHash(bits).update(value).digest()
  return digest.subarray(0, digest.length / 2).toString('base64url')
}

function safeKid(jwt: string): string | undefined {
  try {
    return decodeProtectedHeader(jwt).kid
  } catch {
    return undefined
  }
}

const random = () => randomBytes(32).toString('base64url')
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url')
const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`)
const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2)
const timeout = () => AbortSignal.timeout(10_000)
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' }).end()
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(`<!doctype html><title>${title}</title><h1>${title}</h1>${body}`)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
