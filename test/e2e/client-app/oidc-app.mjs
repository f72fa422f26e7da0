/**
 * A small server-rendered client app for test/e2e/client-conformance.test.ts, started by
 * `codeflow client` (node:http, openid-client v6). Configured by the environment the client target
 * file passes: OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI, PORT.
 *
 *   GET /health    200 once listening
 *   GET /login     a new state, nonce and PKCE verifier in a server-side session; 302 to the IdP
 *   GET /callback  careful (default): openid-client validates the response, the ID token and
 *                  UserInfo; CARELESS=1: state is compared, then the code is redeemed by hand and
 *                  the ID token's payload read WITHOUT any validation (no signature, nonce, aud,
 *                  iss or exp check; the JWK Set is never fetched)
 *   GET /me        "Signed in as <name>" for a signed-in session
 * A failed sign-in answers 401 "sign-in failed: <reason>" and logs the reason on stderr.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import * as client from 'openid-client'

const env = process.env
const careless = env.CARELESS === '1'
const issuer = new URL(env.OIDC_ISSUER)
const redirectUri = env.OIDC_REDIRECT_URI
const sessions = new Map()
let configuration

function oidc() {
  configuration ??= client
    .discovery(issuer, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, client.ClientSecretBasic(env.OIDC_CLIENT_SECRET), {
      execute: [client.allowInsecureRequests],
    })
    .catch((error) => {
      configuration = undefined
      throw error
    })
  return configuration
}

function session(req, res) {
  const id = /(?:^|;\s*)sid=([\w-]+)/.exec(req.headers.cookie ?? '')?.[1]
  if (id && sessions.has(id)) return sessions.get(id)
  const fresh = randomBytes(16).toString('base64url')
  sessions.set(fresh, {})
  res.setHeader('Set-Cookie', `sid=${fresh}; HttpOnly; Path=/; SameSite=Lax`)
  return sessions.get(fresh)
}

async function login(state, res) {
  const config = await oidc()
  state.pending = {
    verifier: client.randomPKCECodeVerifier(),
    state: client.randomState(),
    nonce: client.randomNonce(),
  }
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: await client.calculatePKCECodeChallenge(state.pending.verifier),
    code_challenge_method: 'S256',
    state: state.pending.state,
    nonce: state.pending.nonce,
  })
  res.writeHead(302, { Location: url.href }).end()
}

async function callback(state, url) {
  const pending = state.pending
  state.pending = undefined
  if (!pending) throw new Error('no sign-in in progress')
  const config = await oidc()
  if (careless) {
    if (url.searchParams.get('state') !== pending.state) throw new Error('state mismatch')
    const metadata = config.serverMetadata()
    const response = await fetch(metadata.token_endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${encodeURIComponent(env.OIDC_CLIENT_ID)}:${encodeURIComponent(env.OIDC_CLIENT_SECRET)}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: url.searchParams.get('code') ?? '',
        redirect_uri: redirectUri,
        code_verifier: pending.verifier,
      }),
    })
    const tokens = await response.json()
    if (!tokens.id_token) throw new Error(`no id_token: ${tokens.error ?? response.status}`)
    const payload = tokens.id_token.split('.')[1] ?? ''
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  }
  const tokens = await client.authorizationCodeGrant(config, url, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  })
  const claims = tokens.claims()
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub)
  return { ...claims, ...userinfo }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${env.PORT}`)
  try {
    if (url.pathname === '/health') return void res.writeHead(200).end('ok')
    const state = session(req, res)
    if (url.pathname === '/login') {
      try {
        return void (await login(state, res))
      } catch (error) {
        // Discovery refused (a mismatched issuer, metadata that is not JSON): no sign-in can start.
        process.stderr.write(`sign-in failed: ${error?.code ?? ''} ${error?.message ?? error}\n`)
        return void res.writeHead(401, { 'Content-Type': 'text/html' }).end('<h1>sign-in failed</h1>')
      }
    }
    if (url.pathname === '/callback') {
      try {
        state.user = await callback(state, new URL(url.pathname + url.search, redirectUri))
      } catch (error) {
        process.stderr.write(`sign-in failed: ${error?.code ?? ''} ${error?.message ?? error}\n`)
        return void res.writeHead(401, { 'Content-Type': 'text/html' }).end('<h1>sign-in failed</h1>')
      }
      return void res.writeHead(302, { Location: '/me' }).end()
    }
    if (url.pathname === '/me' && state.user) {
      const name = String(state.user.name ?? state.user.sub).replace(/[<>&"]/g, '')
      return void res
        .writeHead(200, { 'Content-Type': 'text/html' })
        .end(`<p data-testid="user">Signed in as ${name}</p>`)
    }
    res.writeHead(404).end('not found')
  } catch (error) {
    process.stderr.write(`error: ${error?.message ?? error}\n`)
    if (!res.headersSent) res.writeHead(500).end('error')
  }
})
server.listen(Number(env.PORT), '127.0.0.1')
process.on('SIGTERM', () => server.close(() => process.exit(0)))
