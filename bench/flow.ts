/**
 * One complete authorization-code flow, as a browser plus a confidential client would do it:
 * authorization request (PKCE S256, nonce, state) → login page → login form → consent page →
 * approve → the redirect to the client (captured, never followed) → token request
 * (client_secret_basic, code_verifier) → ID token checked → UserInfo. Any deviation throws a
 * FlowError naming the step; a flow that returns succeeded in full.
 */
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from 'jose'
import { type Browser, headerValue, type Page } from './browser.js'
import { FlowError, type FlowStep } from './flow-error.js'
import { submitForm } from './form.js'
import { newAuthorizationSecrets } from './pkce.js'
import type { ServerProfile } from './profiles.js'

export interface ProviderMetadata {
  issuer: string
  authorization_endpoint: string
  token_endpoint: string
  userinfo_endpoint: string
  jwks_uri: string
  /** RFC 9207 §3: when true, every authorization response must carry `iss`. */
  authorization_response_iss_parameter_supported?: boolean
}

/** A server ready to be driven: its profile, discovery document and keys. */
export interface FlowTarget {
  profile: ServerProfile
  metadata: ProviderMetadata
  keys: ReturnType<typeof createLocalJWKSet>
}

const maxRedirects = 10

/** Reads discovery and the JWK Set once, before any flow runs. */
export async function prepareTarget(browser: Browser, baseUrl: string, profile: ServerProfile): Promise<FlowTarget> {
  const discovery = await browser.get(new URL('/.well-known/openid-configuration', baseUrl), { cookies: false })
  if (discovery.status !== 200) throw new Error(`discovery answered HTTP ${discovery.status}`)
  const metadata = JSON.parse(discovery.body) as ProviderMetadata
  for (const key of ['issuer', 'authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri'] as const) {
    if (typeof metadata[key] !== 'string') throw new Error(`discovery has no ${key}`)
  }
  const jwks = await browser.get(new URL(metadata.jwks_uri), { cookies: false })
  if (jwks.status !== 200) throw new Error(`the JWK Set answered HTTP ${jwks.status}`)
  return { profile, metadata, keys: createLocalJWKSet(JSON.parse(jwks.body) as JSONWebKeySet) }
}

/** Runs one flow with a fresh session (the jar is cleared first, so login and consent always show). */
export async function runFlow(browser: Browser, target: FlowTarget): Promise<void> {
  const { profile, metadata } = target
  const { client, user } = profile
  const secrets = newAuthorizationSecrets()
  browser.jar.clear()

  const authorize = new URL(metadata.authorization_endpoint)
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.id,
    redirect_uri: client.redirectUri,
    scope: profile.scope,
    state: secrets.state,
    nonce: secrets.nonce,
    code_challenge: secrets.codeChallenge,
    code_challenge_method: 'S256',
  }).toString()

  const loginPage = expectPage(
    await follow(browser, await browser.get(authorize), client.redirectUri, 'authorize'),
    'login-page',
  )
  const afterLogin = await submitForm(
    browser,
    loginPage,
    {
      form: profile.login.form,
      fields: { [profile.login.usernameField]: user.username, [profile.login.passwordField]: user.password },
    },
    'login',
  )
  const consentPage = expectPage(await follow(browser, afterLogin, client.redirectUri, 'login'), 'consent-page')
  const afterConsent = await submitForm(
    browser,
    consentPage,
    { form: profile.consent.form, submitter: profile.consent.approve },
    'consent',
  )
  const callback = await follow(browser, afterConsent, client.redirectUri, 'consent')
  if (!(callback instanceof URL)) {
    throw new FlowError(
      'callback',
      `expected the redirect to the client, got HTTP ${callback.status} at ${callback.url.pathname}`,
    )
  }
  const code = checkCallback(
    callback,
    secrets.state,
    metadata.issuer,
    metadata.authorization_response_iss_parameter_supported === true,
  )

  const token = await browser.postForm(
    new URL(metadata.token_endpoint),
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: client.redirectUri,
      code_verifier: secrets.codeVerifier,
    }),
    { cookies: false, headers: { authorization: basicAuthorization(client.id, client.secret) } },
  )
  if (token.status !== 200) throw new FlowError('token', `HTTP ${token.status}: ${token.body.slice(0, 200)}`)
  const tokens = parseJson(token.body, 'token') as { access_token?: unknown; token_type?: unknown; id_token?: unknown }
  if (typeof tokens.access_token !== 'string') throw new FlowError('token', 'no access_token')
  if (typeof tokens.token_type !== 'string' || tokens.token_type.toLowerCase() !== 'bearer') {
    throw new FlowError('token', `token_type is ${String(tokens.token_type)}`)
  }
  if (typeof tokens.id_token !== 'string') throw new FlowError('token', 'no id_token')

  const sub = await checkIdToken(target, tokens.id_token, secrets.nonce)

  const userinfo = await browser.get(new URL(metadata.userinfo_endpoint), {
    cookies: false,
    headers: { authorization: `Bearer ${tokens.access_token}`, accept: 'application/json' },
  })
  if (userinfo.status !== 200)
    throw new FlowError('userinfo', `HTTP ${userinfo.status}: ${userinfo.body.slice(0, 200)}`)
  const claims = parseJson(userinfo.body, 'userinfo') as { sub?: unknown }
  if (claims.sub !== sub)
    throw new FlowError('userinfo', `sub ${String(claims.sub)} differs from the ID token's ${sub}`)
}

/**
 * Follows GET redirects (302/303, and 301/307/308 for GETs) from `page` until a page that is not
 * a redirect, or until a redirect to the client's redirect_uri, which is returned as a URL.
 */
async function follow(browser: Browser, page: Page, redirectUri: string, step: FlowStep): Promise<Page | URL> {
  const callback = new URL(redirectUri)
  let current = page
  for (let hop = 0; hop <= maxRedirects; hop++) {
    if (current.status < 300 || current.status > 399 || current.status === 304) return current
    const location = headerValue(current, 'location')
    if (!location) throw new FlowError(step, `HTTP ${current.status} without Location at ${current.url.pathname}`)
    const target = new URL(location, current.url)
    if (target.origin === callback.origin && target.pathname === callback.pathname) return target
    current = await browser.get(target)
  }
  throw new FlowError(step, `more than ${maxRedirects} redirects`)
}

function expectPage(landing: Page | URL, step: FlowStep): Page {
  if (landing instanceof URL) {
    const error = landing.searchParams.get('error')
    throw new FlowError(
      step,
      error
        ? `redirected to the client with ${error}: ${landing.searchParams.get('error_description') ?? ''}`
        : 'redirected to the client before the page',
    )
  }
  if (landing.status !== 200) throw new FlowError(step, `HTTP ${landing.status}: ${landing.body.slice(0, 200)}`)
  return landing
}

/** The authorization response (RFC 6749 §4.1.2, RFC 9207): code, the exact state, and iss. */
function checkCallback(callback: URL, state: string, issuer: string, issRequired: boolean): string {
  const query = callback.searchParams
  const error = query.get('error')
  if (error) throw new FlowError('callback', `${error}: ${query.get('error_description') ?? ''}`)
  const code = query.get('code')
  if (!code) throw new FlowError('callback', 'no code')
  if (query.get('state') !== state) throw new FlowError('callback', 'state differs from the one sent')
  const iss = query.get('iss')
  if (iss === null && issRequired) throw new FlowError('callback', 'no iss although discovery promises it (RFC 9207)')
  if (iss !== null && iss !== issuer) throw new FlowError('callback', `iss ${iss} is not the issuer ${issuer}`)
  return code
}

/** Verifies the ID token's signature and claims (OIDC Core §3.1.3.7); returns its sub. */
async function checkIdToken(target: FlowTarget, idToken: string, nonce: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(idToken, target.keys, {
      issuer: target.metadata.issuer,
      audience: target.profile.client.id,
      algorithms: ['RS256'],
    })
    if (payload.nonce !== nonce) throw new Error('nonce differs from the one sent')
    if (typeof payload.sub !== 'string') throw new Error('no sub')
    return payload.sub
  } catch (error) {
    throw new FlowError('id_token', error instanceof Error ? error.message : String(error))
  }
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded before base64. */
function basicAuthorization(id: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+')
  return `Basic ${Buffer.from(`${encode(id)}:${encode(secret)}`).toString('base64')}`
}

function parseJson(body: string, step: FlowStep): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw new FlowError(step, `not JSON: ${body.slice(0, 200)}`)
  }
}
