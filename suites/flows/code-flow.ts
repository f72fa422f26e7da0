/**
 * The authorization-code flow as a list of named steps (step-list.ts):
 *
 *   authorize → code → redeem → tokens → id-token → userinfo
 *
 * Authorize through the login driver (RFC 6749 §4.1.1), take the code from the redirect back
 * (§4.1.2), redeem it (§4.1.3), require tokens in the answer (§4.1.4), read the ID token (OIDC
 * Core §3.1.3.7), call UserInfo (OIDC Core §5.3). A scenario is this list with one step replaced,
 * inserted or removed by name, e.g. the code flow whose token request omits redirect_uri:
 *
 *   codeFlow.replace('redeem', redeemStep({ redirectUri: null }))
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
import { type Flow, flow, required, type Step, step } from './step-list.js'
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

/** Sends the authorization request through the login driver; the redirect back (or the page it stopped on) is the result. */
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

export type CodeAttempt = AuthorizationAttempt & { code: string }

/** How a scenario's token request differs from the one the authorization request calls for. */
export interface RedeemVariation {
  auth?: ClientAuth
  client?: TargetClient
  /** Another value, or `null` to leave the parameter out. */
  redirectUri?: string | null
  /** Another value, or `null` to leave the parameter out. */
  codeVerifier?: string | null
  /** Extra form parameters; `undefined` removes one. */
  extra?: Record<string, string | undefined>
}

/** Redeems `attempt`'s code exactly as the authorization request calls for, but for `variation`. */
export async function redeem(
  context: GatherContext,
  attempt: CodeAttempt,
  options: RedeemVariation & { label: string },
): Promise<CallResult> {
  const { endpoints } = await context.need('discovery')
  return redeemCode(context.http, endpoints.token, {
    client: options.client ?? attempt.request.client,
    code: attempt.code,
    redirectUri:
      options.redirectUri === null ? undefined : (options.redirectUri ?? attempt.request.params.redirect_uri),
    codeVerifier: options.codeVerifier === null ? undefined : (options.codeVerifier ?? attempt.request.codeVerifier),
    auth: options.auth,
    extra: options.extra,
    label: options.label,
  })
}

export interface CodeFlowOptions extends AuthorizeOptions {
  /** The client authentication of the token request (default: the registered one). */
  auth?: ClientAuth
}

/** What the code flow knows so far; each step adds its part. */
export interface CodeFlowState {
  readonly options: CodeFlowOptions
  attempt?: AuthorizationAttempt
  code?: string
  token?: CallResult
  /** Seconds since the epoch when the token response arrived (for exp/iat consistency, read by pure checks). */
  tokenReceivedAt?: number
  accessToken?: string
  refreshToken?: string
  idToken?: IdTokenInspection
  userinfo?: CallResult
}

export type CodeFlowStep = Step<CodeFlowState, GatherContext>

export const authorizeStep: CodeFlowStep = step('authorize', async (state, context) => ({
  ...state,
  attempt: await authorize(context, state.options),
}))

/** The code from the redirect back; anything else means the suite could not drive the target. */
export const expectCodeStep: CodeFlowStep = step('code', async (state) => {
  const { result } = required(state, 'attempt', 'code')
  const { label } = state.options
  if (result.kind !== 'callback') {
    throw new DriveError(
      `${label}: the authorization server stopped on a page (HTTP ${result.status}) instead of redirecting back with a code`,
      { url: result.url },
    )
  }
  const code = result.params.code
  if (!code) {
    throw new DriveError(
      `${label}: the authorization response has no code${result.params.error ? ` (error=${result.params.error}: ${result.params.error_description ?? ''})` : ''}`,
    )
  }
  return { ...state, code }
})

/** The token request for the code: as the authorization request calls for, but for `variation`. */
export function redeemStep(variation: RedeemVariation = {}): CodeFlowStep {
  return step('redeem', async (state, context) => {
    const attempt = required(state, 'attempt', 'redeem')
    const code = required(state, 'code', 'redeem')
    const token = await redeem(
      context,
      { ...attempt, code },
      { auth: state.options.auth, ...variation, label: `${state.options.label}: redeem the code` },
    )
    const body = token.body
    return {
      ...state,
      token,
      tokenReceivedAt: Math.floor(Date.now() / 1000),
      accessToken: typeof body?.access_token === 'string' ? body.access_token : undefined,
      refreshToken: typeof body?.refresh_token === 'string' ? body.refresh_token : undefined,
    }
  })
}

/** A valid code exchange must give an access token (RFC 6749 §4.1.4); otherwise the suite could not drive the target. */
export const expectTokensStep: CodeFlowStep = step('tokens', async (state) => {
  const token = required(state, 'token', 'tokens')
  if (token.status !== 200 || state.accessToken === undefined) {
    throw new DriveError(
      `${state.options.label}: the token endpoint answered ${token.status} to a valid code exchange: ${token.text.slice(0, 200)}`,
    )
  }
  return state
})

/** Decodes the ID token and verifies its signature with the JWK Set, here so that checks stay pure. */
export const readIdTokenStep: CodeFlowStep = step('id-token', async (state, context) => {
  const raw = required(state, 'token', 'id-token').body?.id_token
  if (typeof raw !== 'string') return state
  const jwks = await context.need('jwks').catch(() => undefined)
  return { ...state, idToken: await inspectIdToken(raw, jwks?.keys) }
})

/** UserInfo with the access token, when the server has the endpoint. */
export const userinfoStep: CodeFlowStep = step('userinfo', async (state, context) => {
  const accessToken = required(state, 'accessToken', 'userinfo')
  const { endpoints } = await context.need('discovery')
  if (!endpoints.userinfo) return state
  return {
    ...state,
    userinfo: await userinfo(context.http, endpoints.userinfo, {
      accessToken,
      label: `${state.options.label}: UserInfo`,
    }),
  }
})

/** The standard authorization-code flow; every scenario derives from it. */
export const codeFlow = flow([
  authorizeStep,
  expectCodeStep,
  redeemStep(),
  expectTokensStep,
  readIdTokenStep,
  userinfoStep,
])

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
export async function authorizeForCode(context: GatherContext, options: AuthorizeOptions): Promise<CodeAttempt> {
  const state = await codeFlow.through('code').run(context, { options })
  return { ...required(state, 'attempt', 'authorizeForCode'), code: required(state, 'code', 'authorizeForCode') }
}

/**
 * Runs the standard flow, or `steps` derived from it (e.g. `codeFlow.remove('userinfo')`);
 * anything short of tokens is a drive failure.
 */
export async function completeFlow(
  context: GatherContext,
  options: CodeFlowOptions,
  steps: Flow<CodeFlowState, GatherContext> = codeFlow,
): Promise<CompletedFlow> {
  const state = await steps.run(context, { options })
  return {
    attempt: required(state, 'attempt', 'completeFlow'),
    code: required(state, 'code', 'completeFlow'),
    token: required(state, 'token', 'completeFlow'),
    accessToken: state.accessToken,
    refreshToken: state.refreshToken,
    idToken: state.idToken,
    userinfo: state.userinfo,
  }
}
