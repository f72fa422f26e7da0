/**
 * Builds an authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1) with PKCE S256, state
 * and nonce. Scenarios vary it with overrides: a value replaces a parameter, `undefined` removes
 * it — "negative tests are one-line variations of the happy flow".
 */
import { createHash, randomBytes } from 'node:crypto'
import type { TargetClient } from '../harness/target.js'

export interface AuthorizationRequest {
  url: string
  params: Record<string, string>
  /** Parameter occurrences in order (a scenario may repeat one). */
  pairs: Array<[string, string]>
  client: TargetClient
  redirectUri: string
  state?: string
  nonce?: string
  codeVerifier?: string
}

export interface AuthorizationRequestOptions {
  client: TargetClient
  authorizationEndpoint: string
  /** Replace (string) or remove (undefined) parameters. */
  overrides?: Record<string, string | undefined>
  /** Parameters to append as extra occurrences (duplicates). */
  append?: Array<[string, string]>
  pkce?: 'S256' | 'plain' | 'none'
  scope?: string
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url')
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

export function buildAuthorizationRequest(options: AuthorizationRequestOptions): AuthorizationRequest {
  const { client } = options
  const redirectUri = client.redirect_uris[0]!
  const codeVerifier = options.pkce === 'none' ? undefined : randomToken(32)
  const base: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: redirectUri,
    scope: options.scope ?? defaultScope(client),
    state: randomToken(16),
    nonce: randomToken(16),
    ...(codeVerifier
      ? {
          code_challenge: options.pkce === 'plain' ? codeVerifier : s256(codeVerifier),
          code_challenge_method: options.pkce ?? 'S256',
        }
      : {}),
  }
  const merged = { ...base, ...options.overrides }
  const pairs = Object.entries(merged).filter((pair): pair is [string, string] => pair[1] !== undefined)
  pairs.push(...(options.append ?? []))
  const url = new URL(options.authorizationEndpoint)
  for (const [name, value] of pairs) url.searchParams.append(name, value)
  const params = Object.fromEntries(pairs)
  return {
    url: url.toString(),
    params,
    pairs,
    client,
    redirectUri: params.redirect_uri ?? redirectUri,
    state: params.state,
    nonce: params.nonce,
    codeVerifier: params.code_challenge !== undefined ? codeVerifier : undefined,
  }
}

/** openid plus what the client may ask for, minus offline_access (which can force extra consent). */
export function defaultScope(client: TargetClient): string {
  const scopes = client.scope.split(' ').filter(Boolean)
  const chosen = scopes.filter((scope) => scope !== 'offline_access')
  if (!chosen.includes('openid')) chosen.unshift('openid')
  return chosen.join(' ')
}
