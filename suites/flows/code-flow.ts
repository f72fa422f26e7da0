/**
 * The authorization-code flow as a sequence of named steps: authorize (through the login
 * driver), redeem the code, inspect the ID token, call UserInfo. Scenarios vary one step and
 * keep the rest.
 */
import type { CookieJar } from 'tough-cookie'
import type { AuthorizeResult } from '../drivers/driver.js'
import { DriveError } from '../harness/evidence.js'
import type { GatherContext } from '../harness/gatherer.js'
import type { TargetClient, TargetUser } from '../harness/target.js'
import {
  type AuthorizationRequest,
  type AuthorizationRequestOptions,
  buildAuthorizationRequest,
} from './authorization-request.js'
import { primaryClient } from './clients.js'
import { type IdTokenInspection, inspectIdToken } from './id-token.js'
import { type CallResult, type ClientAuth, redeemCode, userinfo } from './token-calls.js'

export interface AuthorizationAttempt {
  request: AuthorizationRequest
  result: AuthorizeResult
  /** The session used; pass it to a later attempt to continue as the same logged-in user. */
  jar: CookieJar
}

export interface AuthorizeOptions extends Omit<AuthorizationRequestOptions, 'authorizationEndpoint' | 'client'> {
  client?: TargetClient
  user?: TargetUser
  jar?: CookieJar
  decision?: 'approve' | 'deny' | 'cancel'
  wrongPasswordFirst?: boolean
  method?: 'GET' | 'POST'
  /** Extra URIs that count as "back at the client" (e.g. an attacker redirect_uri under test). */
  extraClientUris?: string[]
  label: string
}

export async function authorize(context: GatherContext, options: AuthorizeOptions): Promise<AuthorizationAttempt> {
  const { endpoints } = await context.need('discovery')
  const client = options.client ?? primaryClient(context.target)
  const request = buildAuthorizationRequest({ ...options, client, authorizationEndpoint: endpoints.authorization })
  const jar = options.jar ?? context.http.newJar()
  const sentRedirect = request.params.redirect_uri
  const clientUris = [
    ...client.redirect_uris,
    ...(sentRedirect ? [sentRedirect] : []),
    ...(options.extraClientUris ?? []),
  ]
  const post = options.method === 'POST'
  const result = await context.limit(() =>
    context.driver.authorize({
      url: post ? endpoints.authorization : request.url,
      method: options.method,
      ...(post ? { form: Object.fromEntries(request.pairs) } : {}),
      user: options.user ?? context.target.users[0]!,
      jar,
      clientUris,
      decision: options.decision,
      wrongPasswordFirst: options.wrongPasswordFirst,
      label: options.label,
    }),
  )
  return { request, result, jar }
}

export interface CompletedFlow {
  attempt: AuthorizationAttempt
  code: string
  token: CallResult
  accessToken?: string
  refreshToken?: string
  idToken?: IdTokenInspection
  userinfo?: CallResult
}

/** Authorizes and expects a code back; anything else means the suite could not drive the target. */
export async function authorizeForCode(
  context: GatherContext,
  options: AuthorizeOptions,
): Promise<AuthorizationAttempt & { code: string }> {
  const attempt = await authorize(context, options)
  const { result } = attempt
  if (result.kind !== 'callback') {
    throw new DriveError(
      `${options.label}: the authorization server stopped on a page (HTTP ${result.status}) instead of redirecting back with a code`,
      {
        url: result.url,
      },
    )
  }
  const code = result.params.code
  if (!code) {
    throw new DriveError(
      `${options.label}: the authorization response has no code${result.params.error ? ` (error=${result.params.error}: ${result.params.error_description ?? ''})` : ''}`,
    )
  }
  return { ...attempt, code }
}

export async function completeFlow(
  context: GatherContext,
  options: AuthorizeOptions & { auth?: ClientAuth; skipUserinfo?: boolean },
): Promise<CompletedFlow> {
  const attempt = await authorizeForCode(context, options)
  const { endpoints } = await context.need('discovery')
  const client = attempt.request.client
  const token = await redeemCode(context.http, endpoints.token, {
    client,
    code: attempt.code,
    redirectUri: attempt.request.params.redirect_uri,
    codeVerifier: attempt.request.codeVerifier,
    auth: options.auth,
    label: `${options.label}: redeem the code`,
  })
  if (token.status !== 200 || typeof token.body?.access_token !== 'string') {
    throw new DriveError(
      `${options.label}: the token endpoint answered ${token.status} to a valid code exchange: ${token.text.slice(0, 200)}`,
    )
  }
  const accessToken = token.body.access_token as string
  const refreshToken = typeof token.body.refresh_token === 'string' ? token.body.refresh_token : undefined
  const jwks = typeof token.body.id_token === 'string' ? await context.need('jwks').catch(() => undefined) : undefined
  const idToken =
    typeof token.body.id_token === 'string' ? await inspectIdToken(token.body.id_token, jwks?.keys) : undefined
  const userinfoResult =
    !options.skipUserinfo && endpoints.userinfo
      ? await userinfo(context.http, endpoints.userinfo, { accessToken, label: `${options.label}: UserInfo` })
      : undefined
  return { attempt, code: attempt.code, token, accessToken, refreshToken, idToken, userinfo: userinfoResult }
}
