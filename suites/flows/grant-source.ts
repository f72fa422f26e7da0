/**
 * Fresh grants for negative probes. A negative probe is made in the state most favourable to the
 * defect it looks for: a valid token issued just before it, the user's session cookie present,
 * and nothing another probe did in between (a token another probe revoked, a refresh token
 * another probe rotated, a session another probe logged out). So each such probe asks for its own
 * grant right before it is sent, instead of reusing one that an earlier probe may have spent.
 *
 * One source keeps one cookie jar, as code-source.ts does: after the first login the server's
 * session (where it keeps one) spares the password on every later grant. A source is sequential:
 * ask for the next grant after the previous one came back.
 */
import type { CookieJar } from 'tough-cookie'
import type { GatherContext } from '../harness/gatherer.js'
import type { TargetClient } from '../harness/target.js'
import type { AuthorizeOptions } from './code-flow.js'
import { type FlowAttempt, flowWithTokens } from './flow-attempt.js'
import type { CallResult } from './token-calls.js'

export type FreshGrant = FlowAttempt & { token: CallResult; accessToken: string }

export interface GrantSource {
  readonly client: TargetClient
  /** The session's cookie jar (undefined until the first grant): send it with a probe to have the session cookie present. */
  readonly jar: CookieJar | undefined
  /** Authorizes (reusing the session) and redeems the code: a fresh grant no other probe has touched. */
  next(label: string, options?: Omit<AuthorizeOptions, 'label' | 'client' | 'jar'>): Promise<FreshGrant>
}

export function grantSource(context: GatherContext, client: TargetClient, jar?: CookieJar): GrantSource {
  let session = jar
  return {
    client,
    get jar() {
      return session
    },
    async next(label, options = {}) {
      const grant = await flowWithTokens(context, { ...options, label, client, ...(session ? { jar: session } : {}) })
      session = grant.attempt.jar
      return grant
    },
  }
}
