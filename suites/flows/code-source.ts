/**
 * Fresh authorization codes for scenarios that spend one code per destructive token-endpoint call
 * (a failed redemption may burn the code, RFC 6749 §10.5). One source keeps one cookie jar, so
 * after the first login the server's session (where it keeps one) spares the password on every
 * later code: cheap on the mock, and gentle with real servers that rate-limit logins. Each code is
 * then redeemed with code-flow.ts's `redeem`, as the scenario varies it.
 *
 * A source is sequential: ask for the next code after the previous one came back (concurrent
 * flows in one jar would race over the login/consent cookies).
 */

import type { GatherContext } from '../harness/gatherer.js'
import type { TargetClient } from '../harness/target.js'
import { type AuthorizationAttempt, type AuthorizeOptions, authorizeForCode, type CodeAttempt } from './code-flow.js'

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
