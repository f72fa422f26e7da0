/**
 * Fresh authorization codes for scenarios that spend one code per destructive token-endpoint call
 * (a failed redemption may burn the code, RFC 6749 §10.5). One source keeps one cookie jar, so
 * after the first login the server's session (where it keeps one) spares the password on every
 * later code: cheap on the mock, and gentle with real servers that rate-limit logins.
 *
 * A source is sequential: ask for the next code after the previous one came back (concurrent
 * flows in one jar would race over the login/consent cookies).
 */

import type { GatherContext } from '../harness/gatherer.js'
import type { TargetClient } from '../harness/target.js'
import { type AuthorizationAttempt, type AuthorizeOptions, authorizeForCode } from './code-flow.js'
import { type CallResult, type ClientAuth, redeemCode } from './token-calls.js'

export type CodeAttempt = AuthorizationAttempt & { code: string }

export interface CodeSource {
  readonly client: TargetClient
  /** Authorizes (reusing the session) and returns a fresh, unused code. */
  next(label: string, options?: Omit<AuthorizeOptions, 'label' | 'client' | 'jar'>): Promise<CodeAttempt>
}

export function codeSource(context: GatherContext, client: TargetClient): CodeSource {
  let jar: AuthorizationAttempt['jar'] | undefined
  return {
    client,
    async next(label, options = {}) {
      const attempt = await authorizeForCode(context, { ...options, label, client, ...(jar ? { jar } : {}) })
      jar = attempt.jar
      return attempt
    },
  }
}

/** Redeems `attempt`'s code exactly as the authorization request calls for, with optional variations. */
export async function redeem(
  context: GatherContext,
  attempt: CodeAttempt,
  options: {
    label: string
    auth?: ClientAuth
    client?: TargetClient
    redirectUri?: string | null
    codeVerifier?: string | null
    extra?: Record<string, string | undefined>
  },
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
