/**
 * The records the mock IdP keeps, and the keys it keeps them under. Authorization codes and
 * tokens are stored under a SHA-256 of their value, so a dump of the store (or a shared Redis)
 * holds no usable credential.
 *
 * A *grant* ties together everything issued from one authorization: its code, access tokens and
 * refresh tokens. Revoking the grant revokes all of them at once (RFC 6749 §4.1.2 on code
 * replay, OAuth 2.0 Security BCP §4.14.2 on refresh token reuse, RFC 7009 §2.1).
 */
import { createHash } from 'node:crypto'
import type { StoreKind } from './store.js'

export type ResponseMode = 'query' | 'fragment' | 'form_post'
export type PkceMethod = 'S256' | 'plain'

/** An authorization request after validation (OIDC Core §3.1.2.1). */
export interface AuthorizationRequest {
  clientId: string
  redirectUri: string
  responseType: 'code'
  responseMode: ResponseMode
  scope: string[]
  state?: string
  nonce?: string
  codeChallenge?: string
  codeChallengeMethod?: PkceMethod
  prompt: Array<'none' | 'login' | 'consent' | 'select_account'>
  maxAge?: number
  loginHint?: string
  uiLocales?: string
  idTokenHint?: string
  /** Behaviours the authorization request named (`codeflow_behaviour`); they apply to the whole flow. */
  behaviours?: string[]
}

/** A login or consent page in progress (kept server-side; the page carries only its id). */
export interface InteractionRecord {
  id: string
  request: AuthorizationRequest
  /** 'interstitial': signed in, a page stands between login and what comes next (config pages.interstitial). */
  stage: 'login' | 'interstitial' | 'consent'
  /** Two-step login (config pages.loginSteps "two"): the username given at step one. */
  username?: string
  /** At the interstitial: where it leads, the consent page or the code. */
  after?: 'consent' | 'issue'
  /** Set once the user has authenticated in this interaction. */
  sub?: string
  authTime?: number
  /** The login session the user authenticated with, once known (consent is remembered there). */
  sessionId?: string
  /** Failed password attempts, for the error message. */
  failures: number
  /** Id of the browser binding cookie's value (double-submit CSRF protection). */
  browserId: string
}

/** A login session at the IdP, referenced by the session cookie. */
export interface SessionRecord {
  id: string
  sub: string
  /** Seconds since the epoch (OIDC Core §2 auth_time). */
  authTime: number
  /** client_id → scopes the user has consented to. */
  consents: Record<string, string[]>
}

export interface CodeRecord {
  grantId: string
  clientId: string
  redirectUri: string
  scope: string[]
  sub: string
  authTime: number
  nonce?: string
  codeChallenge?: string
  codeChallengeMethod?: PkceMethod
  sessionId?: string
  /** Behaviours named by the authorization request, applied when the code is redeemed too. */
  behaviours?: string[]
  /** Seconds since the epoch. */
  issuedAt: number
  expiresAt: number
}

export interface AccessTokenRecord {
  grantId: string
  clientId: string
  sub: string
  scope: string[]
  authTime: number
  issuedAt: number
  expiresAt: number
  jti: string
  /** Behaviours the flow's authorization request named, applied at UserInfo too (the flow's last step). */
  behaviours?: string[]
}

export interface RefreshTokenRecord {
  grantId: string
  clientId: string
  sub: string
  scope: string[]
  authTime: number
  nonce?: string
  sessionId?: string
  issuedAt: number
  expiresAt: number
  /** Behaviours the flow's authorization request named, applied at every refresh of its grant too. */
  behaviours?: string[]
}

export const storeKey = {
  interaction: (id: string) => `interaction:${id}`,
  session: (id: string) => `session:${id}`,
  code: (code: string) => `code:${digest(code)}`,
  /** Left behind when a code is redeemed, so that a replay can be recognised (and its grant revoked). */
  redeemedCode: (code: string) => `code-redeemed:${digest(code)}`,
  accessToken: (token: string) => `at:${digest(token)}`,
  refreshToken: (token: string) => `rt:${digest(token)}`,
  /** Left behind when a refresh token is rotated, so that reuse can be recognised. */
  rotatedRefreshToken: (token: string) => `rt-rotated:${digest(token)}`,
  revokedGrant: (grantId: string) => `grant-revoked:${grantId}`,
}

/**
 * The kind (and so the budget, store.ts) of every key prefix. Redeemed-code, rotated-refresh-token
 * and revoked-grant markers count with the tokens they protect: they are written only by the token
 * and revocation endpoints, after a client has authenticated. Within the tokens budget a marker
 * is younger than the tokens it was written for, so oldest-first eviction drops those tokens
 * before it.
 */
const kindOfPrefix = new Map<string, StoreKind>([
  ['interaction', 'interactions'],
  ['session', 'sessions'],
  ['code', 'codes'],
  ['code-redeemed', 'tokens'],
  ['at', 'tokens'],
  ['rt', 'tokens'],
  ['rt-rotated', 'tokens'],
  ['grant-revoked', 'tokens'],
])

/** The kind of a key made by `storeKey`; a key of no known kind is a programming error. */
export function kindOfKey(key: string): StoreKind {
  const kind = kindOfPrefix.get(key.slice(0, key.indexOf(':')))
  if (kind === undefined) throw new Error(`store key "${key.slice(0, 40)}" has no known kind (store/records.ts)`)
  return kind
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url')
}
