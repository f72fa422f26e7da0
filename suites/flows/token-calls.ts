/**
 * Back-channel calls: token (code and refresh grants), UserInfo, revocation, introspection, each
 * with the client authentication the scenario asks for (RFC 6749 §2.3.1: Basic credentials are
 * form-urlencoded before base64).
 */
import type { CookieJar } from 'tough-cookie'
import type { Exchange } from '../../reports/run-result.js'
import type { HttpClient, HttpResponse } from '../harness/http-client.js'
import { isObject } from '../harness/is-object.js'
import { utf8Prefix } from '../harness/limits.js'
import type { TargetClient } from '../harness/target.js'

export type ClientAuth =
  | 'registered'
  | 'none'
  | { basic: { id: string; secret: string }; encode?: boolean }
  | { post: { id: string; secret?: string } }

export interface CallResult {
  status: number
  headers: Headers
  body: Record<string, unknown> | undefined
  /** The body as text, its first limits.maxEvidenceBytes (checks quote its start; `body` is parsed from all of it). */
  text: string
  contentType: string | undefined
  exchange: Exchange
}

export function basicCredentials(id: string, secret: string, encode = true): string {
  const encodePart = (value: string) => (encode ? new URLSearchParams({ v: value }).toString().slice(2) : value)
  return Buffer.from(`${encodePart(id)}:${encodePart(secret)}`).toString('base64')
}

/** Applies client authentication to a form and headers. */
export function authenticate(
  client: TargetClient,
  auth: ClientAuth,
  form: Record<string, string | undefined>,
  headers: Record<string, string>,
): void {
  if (auth === 'none') return
  if (auth === 'registered') {
    if (client.token_endpoint_auth_method === 'client_secret_basic' && client.client_secret) {
      headers.authorization = `Basic ${basicCredentials(client.client_id, client.client_secret)}`
    } else if (client.token_endpoint_auth_method === 'client_secret_post') {
      form.client_id = client.client_id
      form.client_secret = client.client_secret
    } else {
      form.client_id = client.client_id
    }
    return
  }
  if ('basic' in auth) {
    headers.authorization = `Basic ${basicCredentials(auth.basic.id, auth.basic.secret, auth.encode ?? true)}`
    return
  }
  form.client_id = auth.post.id
  if (auth.post.secret !== undefined) form.client_secret = auth.post.secret
}

export async function call(
  http: HttpClient,
  request: {
    url: string
    form?: Record<string, string | undefined>
    headers?: Record<string, string>
    method?: string
    body?: string
    label: string
    jar?: CookieJar
  },
): Promise<CallResult> {
  // Back-channel answers (token, UserInfo, revocation, introspection): limits.maxResponseBytes.api.
  const response: HttpResponse = await http.send({ ...request, kind: 'api' })
  return {
    status: response.status,
    headers: response.headers,
    body: isObject(response.json) ? response.json : undefined,
    // Kept for the whole run as evidence: bounded, so a target padding every answer cannot make the run hold them whole.
    text: utf8Prefix(response.text, http.limits.maxEvidenceBytes)?.text ?? response.text,
    contentType: response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase(),
    exchange: response.exchange,
  }
}

export interface TokenRequest {
  client: TargetClient
  auth?: ClientAuth
  form: Record<string, string | undefined>
  headers?: Record<string, string>
  label: string
}

export function tokenCall(http: HttpClient, tokenEndpoint: string, request: TokenRequest): Promise<CallResult> {
  const form = { ...request.form }
  const headers = { ...request.headers }
  authenticate(request.client, request.auth ?? 'registered', form, headers)
  return call(http, { url: tokenEndpoint, form, headers, label: request.label })
}

export function redeemCode(
  http: HttpClient,
  tokenEndpoint: string,
  options: {
    client: TargetClient
    code: string
    redirectUri?: string
    codeVerifier?: string
    auth?: ClientAuth
    extra?: Record<string, string | undefined>
    label?: string
  },
): Promise<CallResult> {
  return tokenCall(http, tokenEndpoint, {
    client: options.client,
    auth: options.auth,
    form: {
      grant_type: 'authorization_code',
      code: options.code,
      redirect_uri: options.redirectUri,
      code_verifier: options.codeVerifier,
      ...options.extra,
    },
    label: options.label ?? 'token: redeem the authorization code',
  })
}

export function refresh(
  http: HttpClient,
  tokenEndpoint: string,
  options: { client: TargetClient; refreshToken: string; scope?: string; auth?: ClientAuth; label?: string },
): Promise<CallResult> {
  return tokenCall(http, tokenEndpoint, {
    client: options.client,
    auth: options.auth,
    form: { grant_type: 'refresh_token', refresh_token: options.refreshToken, scope: options.scope },
    label: options.label ?? 'token: refresh',
  })
}

export function userinfo(
  http: HttpClient,
  endpoint: string,
  options: {
    accessToken?: string
    method?: 'GET' | 'POST'
    in?: 'header' | 'body' | 'both' | 'query'
    scheme?: string
    label?: string
    /** The user's session cookies, sent along (a negative probe is made with the session present). */
    jar?: CookieJar
  },
): Promise<CallResult> {
  const where = options.in ?? 'header'
  const headers: Record<string, string> = {}
  let url = endpoint
  let form: Record<string, string> | undefined
  if (options.accessToken !== undefined) {
    if (where === 'header' || where === 'both')
      headers.authorization = `${options.scheme ?? 'Bearer'} ${options.accessToken}`
    if (where === 'body' || where === 'both') form = { access_token: options.accessToken }
    if (where === 'query') {
      const parsed = new URL(endpoint)
      parsed.searchParams.set('access_token', options.accessToken)
      url = parsed.toString()
    }
  }
  return call(http, {
    url,
    method: options.method ?? (form ? 'POST' : 'GET'),
    headers,
    form,
    label: options.label ?? 'userinfo',
    ...(options.jar ? { jar: options.jar } : {}),
  })
}

export interface TokenManagementOptions {
  client: TargetClient
  token?: string
  hint?: string
  auth?: ClientAuth
  label?: string
}

export function revoke(http: HttpClient, endpoint: string, options: TokenManagementOptions): Promise<CallResult> {
  return tokenManagementCall(http, endpoint, options, 'revocation')
}

export function introspect(http: HttpClient, endpoint: string, options: TokenManagementOptions): Promise<CallResult> {
  return tokenManagementCall(http, endpoint, options, 'introspection')
}

/**
 * Revocation (RFC 7009 §2.1) and introspection (RFC 7662 §2.1) requests have the same shape: a
 * form with `token` and an optional `token_type_hint`, authenticated as the client.
 */
function tokenManagementCall(
  http: HttpClient,
  endpoint: string,
  options: TokenManagementOptions,
  label: string,
): Promise<CallResult> {
  const form: Record<string, string | undefined> = { token: options.token, token_type_hint: options.hint }
  const headers: Record<string, string> = {}
  authenticate(options.client, options.auth ?? 'registered', form, headers)
  return call(http, { url: endpoint, form, headers, label: options.label ?? label })
}
