/**
 * A flow that may legitimately stop short of tokens: the session, refresh, revocation and
 * introspection scenarios need the authorization response whatever it is (an error redirect, an
 * error page, a code), and tokens only when a code came back. It is the code flow (code-flow.ts)
 * that stops quietly where the standard one throws, and leaves UserInfo out: the response is the
 * evidence.
 */

import type { Exchange } from '../../reports/run-result.js'
import { DriveError } from '../harness/evidence.js'
import type { GatherContext } from '../harness/gatherer.js'
import type { TargetClient } from '../harness/target.js'
import { primaryClient } from './clients.js'
import {
  type AuthorizationAttempt,
  type AuthorizeOptions,
  type CodeFlowState,
  type CodeFlowStep,
  codeFlow,
} from './code-flow.js'
import type { IdTokenInspection } from './id-token.js'
import { halt, required, step } from './step-list.js'
import { type CallResult, introspect, userinfo } from './token-calls.js'

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

/** The code from the redirect back, if any; without one the flow ends here, with the response as its result. */
export const codeIfAnyStep: CodeFlowStep = step('code', async (state) => {
  const { result } = required(state, 'attempt', 'code')
  const code = result.kind === 'callback' ? result.params.code : undefined
  return code ? { ...state, code } : halt(state)
})

/** The code flow that takes whatever the authorization endpoint answers, and redeems a code when one comes back. */
export const attemptCodeFlow = codeFlow.replace('code', codeIfAnyStep).remove('tokens').remove('userinfo')

/** The attempt as the scenarios' evidence: the authorization response, and the tokens when there was a code. */
export function flowAttemptOf(state: CodeFlowState): FlowAttempt {
  const attempt = required(state, 'attempt', 'flowAttemptOf')
  if (!state.code) return { attempt }
  const { code, token, accessToken, refreshToken, idToken, tokenReceivedAt } = state
  return { attempt, code, token, accessToken, refreshToken, idToken, tokenReceivedAt }
}

/** Authorizes, and redeems the code when one comes back. */
export async function attemptFlow(context: GatherContext, options: AuthorizeOptions): Promise<FlowAttempt> {
  return flowAttemptOf(await attemptCodeFlow.run(context, { options }))
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
