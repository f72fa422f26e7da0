/**
 * A flow that may legitimately stop short of tokens: the session, refresh, revocation and
 * introspection scenarios need the authorization response whatever it is (an error redirect, an
 * error page, a code), and tokens only when a code came back. Unlike `completeFlow`, nothing here
 * throws on an error response: the response is the evidence.
 */

import type { Exchange } from '../../reports/run-result.js'
import { DriveError } from '../harness/evidence.js'
import type { GatherContext } from '../harness/gatherer.js'
import type { TargetClient } from '../harness/target.js'
import { primaryClient } from './clients.js'
import { type AuthorizationAttempt, type AuthorizeOptions, authorize } from './code-flow.js'
import { type IdTokenInspection, inspectIdToken } from './id-token.js'
import { type CallResult, introspect, redeemCode, userinfo } from './token-calls.js'

export interface FlowAttempt {
  attempt: AuthorizationAttempt
  /** The code, when the authorization response carried one. */
  code?: string
  /** The code exchange, when there was a code. */
  token?: CallResult
  accessToken?: string
  refreshToken?: string
  idToken?: IdTokenInspection
  /** Seconds since the epoch when the token response arrived (for exp/iat consistency, read by pure checks). */
  tokenReceivedAt?: number
}

/** Authorizes, and redeems the code when one comes back. */
export async function attemptFlow(context: GatherContext, options: AuthorizeOptions): Promise<FlowAttempt> {
  const attempt = await authorize(context, options)
  const { result } = attempt
  const code = result.kind === 'callback' ? result.params.code : undefined
  if (!code) return { attempt }
  const { endpoints } = await context.need('discovery')
  const token = await redeemCode(context.http, endpoints.token, {
    client: attempt.request.client,
    code,
    redirectUri: attempt.request.params.redirect_uri,
    codeVerifier: attempt.request.codeVerifier,
    label: `${options.label}: redeem the code`,
  })
  const tokenReceivedAt = Math.floor(Date.now() / 1000)
  const body = token.body
  const accessToken = typeof body?.access_token === 'string' ? body.access_token : undefined
  const refreshToken = typeof body?.refresh_token === 'string' ? body.refresh_token : undefined
  const rawIdToken = typeof body?.id_token === 'string' ? body.id_token : undefined
  const jwks = rawIdToken ? await context.need('jwks').catch(() => undefined) : undefined
  const idToken = rawIdToken ? await inspectIdToken(rawIdToken, jwks?.keys) : undefined
  return { attempt, code, token, accessToken, refreshToken, idToken, tokenReceivedAt }
}

/** Like `attemptFlow`, but tokens are required: anything else means the suite could not drive the target. */
export async function flowWithTokens(
  context: GatherContext,
  options: AuthorizeOptions,
): Promise<FlowAttempt & { token: CallResult; accessToken: string }> {
  const flow = await attemptFlow(context, options)
  if (!flow.code) {
    const { result } = flow.attempt
    throw new DriveError(
      result.kind === 'page'
        ? `${options.label}: the authorization server stopped on a page (HTTP ${result.status}) instead of redirecting back with a code`
        : `${options.label}: the authorization response has no code${result.params.error ? ` (error=${result.params.error})` : ''}`,
    )
  }
  if (!flow.token || !flow.accessToken) {
    throw new DriveError(
      `${options.label}: the token endpoint answered ${flow.token?.status} to a valid code exchange: ${flow.token?.text.slice(0, 200)}`,
    )
  }
  return flow as FlowAttempt & { token: CallResult; accessToken: string }
}

/** Whether an access token still works, observed at UserInfo (or, without one, by introspection). */
export interface TokenLiveness {
  /** Undefined when the suite has no way to tell (no UserInfo, no introspection endpoint). */
  alive?: boolean
  how: 'userinfo' | 'introspection' | 'none'
  exchange?: Exchange
}

export async function accessTokenLiveness(
  context: GatherContext,
  accessToken: string,
  label: string,
  /** The client the token was issued to (introspection answers only its own client). */
  client: TargetClient = primaryClient(context.target),
): Promise<TokenLiveness> {
  const { endpoints } = await context.need('discovery')
  if (endpoints.userinfo) {
    const answer = await userinfo(context.http, endpoints.userinfo, { accessToken, label })
    return { alive: answer.status === 200, how: 'userinfo', exchange: answer.exchange }
  }
  if (endpoints.introspection) {
    const answer = await introspect(context.http, endpoints.introspection, {
      client,
      token: accessToken,
      label,
    })
    return {
      alive: answer.status === 200 && answer.body?.active === true,
      how: 'introspection',
      exchange: answer.exchange,
    }
  }
  return { how: 'none' }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** The scope a token response grants: its `scope`, else the requested one (RFC 6749 §5.1). */
export function grantedScope(token: CallResult | undefined, requested: string | undefined): string[] {
  const scope = typeof token?.body?.scope === 'string' ? token.body.scope : requested
  return (scope ?? '').split(' ').filter(Boolean)
}
