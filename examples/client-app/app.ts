/**
 * Example: a small web application that signs users in with the OpenID Connect authorization-code
 * flow, using a real relying-party library — openid-client v6 — on plain node:http.
 *
 *   GET /login     starts the flow: PKCE verifier, state and nonce go into a server-side session,
 *                  the browser goes to the authorization endpoint
 *   GET /callback  finishes it: openid-client checks the authorization response and the ID token
 *                  (its signature too), fetches UserInfo, then the user's claims go into the session
 *   GET /          "Signed in as <name>" (data-testid="user"), or a sign-in link
 *   GET /health    200 "ok" once the app listens (a readiness URL; the IdP may still be down)
 *
 * Any failure of the callback answers 400 with a page naming the reason, and never signs anyone in.
 * client-app.test.ts shows how to test that against the mock IdP in-process; server.ts runs the app
 * as a command configured by environment variables (the form `codeflow client` starts it in).
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as client from 'openid-client'

export interface ClientAppOptions {
  issuer: string
  clientId: string
  /** Omitted for a public client (tokenEndpointAuthMethod "none"). */
  clientSecret?: string
  /** How the app authenticates at the token endpoint (OIDC Core §9); default client_secret_basic. */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'none'
  /** The registered redirect URI; default `<the app's URL>/callback`. */
  redirectUri?: string
  /** Default "openid profile email". */
  scope?: string
  /** Where the app listens (default 0: a free port). */
  port?: number
  /** Called with a line for each refused sign-in (the reason), e.g. to log it. */
  onRefusal?: (reason: string) => void
}

export interface RunningClientApp {
  /** The app's base URL, e.g. http://127.0.0.1:51234 */
  url: string
  /** The redirect URI to register with the identity provider. */
  redirectUri: string
  close(): Promise<void>
}

interface Session {
  /** The sign-in in progress: what the callback must find again. */
  pending?: { codeVerifier: string; state: string; nonce: string }
  /** The signed-in user's claims (ID token merged with UserInfo). */
  user?: Record<string, unknown>
}

export async function startClientApp(options: ClientAppOptions): Promise<RunningClientApp> {
  // In memory, for the example; a real app uses its framework's session store.
  const sessions = new Map<string, Session>()
  let redirectUri = ''

  const scope = options.scope ?? 'openid profile email'

  // Discovery happens on first use (and is retried after a failure), so the app starts even while
  // the identity provider is down. allowInsecureRequests: only because the mock IdP in the tests
  // listens on http://127.0.0.1; a production app talks to an https issuer and drops it.
  // enableNonRepudiationChecks: openid-client otherwise trusts the TLS connection to the token
  // endpoint instead of the ID token's signature, which OIDC Core §3.1.3.7 step 6 allows ("the
  // TLS server validation MAY be used to validate the issuer in place of checking the token
  // signature"); over plain http there is no TLS to trust, so the app checks the signature
  // against the issuer's JWK Set (OIDC Core §10.1).
  let configuration: Promise<client.Configuration> | undefined
  function oidc(): Promise<client.Configuration> {
    configuration ??= client
      .discovery(new URL(options.issuer), options.clientId, options.clientSecret, clientAuth(options), {
        execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
        [client.customFetch]: fetchExpectingAcceptedType,
      })
      .catch((error: unknown) => {
        configuration = undefined
        throw error
      })
    return configuration
  }

  /** Refuses the sign-in: the page says why (400), and so does the refusal log. */
  function refuse(res: ServerResponse, reason: string): void {
    options.onRefusal?.(reason)
    failed(res, reason)
  }

  async function login(session: Session, res: ServerResponse): Promise<void> {
    const config = await oidc()
    // A fresh verifier, state and nonce for every attempt, kept on the server: the browser only
    // ever holds an opaque, HttpOnly session id.
    const pending = {
      codeVerifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
    }
    session.pending = pending
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope,
      // PKCE S256 (RFC 7636) binds the code to this browser's session; confidential clients use it too (RFC 9700 §2.1.1).
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    })
    redirect(res, authorizationUrl.href)
  }

  async function callback(session: Session, currentUrl: URL, res: ServerResponse): Promise<void> {
    // Whatever happens next, this attempt is used up: a callback is never accepted twice.
    const pending = session.pending
    delete session.pending
    if (!pending) return refuse(res, 'no sign-in in progress in this browser (start again at /login)')
    const config = await oidc()
    try {
      // authorizationCodeGrant refuses, before the user is signed in:
      // - a state that is not the one this session sent: without that check an attacker could
      //   log the victim into the attacker's account (CSRF, RFC 6749 §10.12);
      // - an iss that is not the discovered issuer, or no iss although the server advertises
      //   authorization_response_iss_parameter_supported: the response may come from another
      //   authorization server (mix-up attack, RFC 9207 §2.4) — checked before the code is sent anywhere;
      // - an ID token that fails OIDC Core §3.1.3.7: signature (the issuer's JWKS), iss, aud,
      //   exp/iat, and the nonce this session sent (§3.1.3.7 step 11, against replay).
      const tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      })
      const claims = tokens.claims()
      if (!claims) return refuse(res, 'no ID token in the token response')
      // Three rules openid-client leaves to the app. azp is "the party to which the ID Token was
      // issued" (OIDC Core §2): openid-client compares it with the client_id only when aud lists
      // several audiences (§3.1.3.7 step 5); a token issued to another party is refused always.
      if (claims.azp !== undefined && claims.azp !== options.clientId) {
        return refuse(res, `unexpected JWT "azp" (authorized party) claim value ${JSON.stringify(claims.azp)}`)
      }
      // iat is "the time at which the JWT was issued" (OIDC Core §2), never ahead of the clock by
      // more than the skew tolerated; the acceptable range is the client's (§3.1.3.7 step 10).
      if (claims.iat > Math.floor(Date.now() / 1000) + CLOCK_SKEW_TOLERANCE_S) {
        return refuse(res, 'unexpected JWT "iat" (issued at) claim value, it is in the future')
      }
      // sub "MUST NOT exceed 255 ASCII characters in length" (OIDC Core §2): a longer one would be
      // cut to fit a column somewhere, and two users could then share an account.
      if (claims.sub.length > 255) {
        return refuse(res, 'unexpected JWT "sub" (subject) claim value, longer than 255 characters')
      }
      // UserInfo must be about the same subject as the ID token (OIDC Core §5.3.4): openid-client checks it.
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
      // A production app would also issue a new session id now (against session fixation).
      session.user = { ...claims, ...userinfo }
    } catch (error) {
      return refuse(res, reasonOf(error))
    }
    redirect(res, '/')
  }

  function home(session: Session, res: ServerResponse): void {
    const name = session.user?.name ?? session.user?.sub
    const body =
      name === undefined
        ? '<p>Not signed in. <a href="/login">Sign in</a></p>'
        : `<p data-testid="user">Signed in as ${escapeHtml(String(name))}</p>` +
          `<p>Subject: <code data-testid="user-sub">${escapeHtml(String(session.user?.sub))}</code></p>`
    page(res, 200, 'Example app', body)
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`)
    const session = sessionOf(req, res, sessions)
    const handled =
      req.method !== 'GET'
        ? page(res, 405, 'Method not allowed', '<p>GET only.</p>')
        : url.pathname === '/login'
          ? login(session, res)
          : url.pathname === '/callback'
            ? callback(session, new URL(`${redirectUri}${url.search}`), res)
            : url.pathname === '/'
              ? home(session, res)
              : url.pathname === '/health'
                ? page(res, 200, 'ok', '<p>ok</p>')
                : page(res, 404, 'Not found', '<p>Not found.</p>')
    // Anything else that stops a sign-in (the provider unreachable, its metadata unusable) also
    // refuses it: 502, the same error page and log line, and nobody signed in.
    Promise.resolve(handled).catch((error: unknown) => {
      const reason = reasonOf(error)
      options.onRefusal?.(reason)
      if (!res.headersSent) failed(res, reason, 502)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  redirectUri = options.redirectUri ?? `${url}/callback`
  return {
    url,
    redirectUri,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

/** How far ahead of this server's clock an ID token's iat may be (clocks are never quite in step). */
const CLOCK_SKEW_TOLERANCE_S = 60

/**
 * fetch for openid-client, refusing a successful answer whose Content-Type is none the request
 * accepted. openid-client parses any body as JSON and looks at the type only when that fails; but
 * discovery "MUST … return a JSON object using the application/json content type" (OIDC Discovery
 * §4.2), the token response uses "the application/json media type" (RFC 6749 §5.1), and UserInfo
 * answers application/json unless a signed or encrypted response was registered (OIDC Core §5.3.2).
 * openid-client's Accept header names exactly the types each of those may have.
 */
async function fetchExpectingAcceptedType(url: string, init: client.CustomFetchOptions): Promise<Response> {
  const response = await fetch(url, init as RequestInit)
  const accepted = new Headers(init.headers as HeadersInit).get('accept')
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? ''
  if (response.ok && accepted !== null && !accepted.split(',').some((item) => item.split(';')[0]?.trim() === type)) {
    throw new Error(`unexpected Content-Type "${type}" from ${new URL(url).pathname} (accepted: ${accepted})`)
  }
  return response
}

/** The client authentication the options name (OIDC Core §9); the secret is required unless "none". */
function clientAuth(options: ClientAppOptions): client.ClientAuth {
  const method = options.tokenEndpointAuthMethod ?? 'client_secret_basic'
  if (method === 'none') return client.None()
  if (options.clientSecret === undefined) throw new Error(`a client secret is required for ${method}`)
  return method === 'client_secret_post'
    ? client.ClientSecretPost(options.clientSecret)
    : client.ClientSecretBasic(options.clientSecret)
}

/** The session behind the request's cookie, or a new one with a fresh cookie. */
function sessionOf(req: IncomingMessage, res: ServerResponse, sessions: Map<string, Session>): Session {
  const id = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1]
  const existing = id === undefined ? undefined : sessions.get(id)
  if (existing) return existing
  const fresh = randomBytes(32).toString('base64url')
  const session: Session = {}
  sessions.set(fresh, session)
  // HttpOnly: scripts cannot read it. SameSite=Lax: still sent on the top-level redirect back from the IdP.
  res.setHeader('Set-Cookie', `sid=${fresh}; Path=/; HttpOnly; SameSite=Lax`)
  return session
}

/** A short reason for a failed sign-in: the OAuth error, or what openid-client found wrong and its code. */
function reasonOf(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) {
    return error.error_description ? `${error.error}: ${error.error_description}` : error.error
  }
  if (!(error instanceof Error)) return String(error)
  // openid-client wraps oauth4webapi's error, whose message says exactly what was wrong.
  const detail = error.cause instanceof Error ? error.cause.message : error.message
  const code = (error as client.ClientError).code
  return code ? `${detail} (${code})` : detail
}

function failed(res: ServerResponse, reason: string, status = 400): void {
  page(
    res,
    status,
    'Sign-in failed',
    `<p data-testid="sign-in-error">Sign-in failed: ${escapeHtml(reason)}</p><p><a href="/login">Try again</a></p>`,
  )
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' }).end()
}

function page(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
  res.end(`<!doctype html><title>${title}</title><h1>${title}</h1>${body}`)
}

/** The reason may quote the authorization response (error_description): never reflect it unescaped. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
