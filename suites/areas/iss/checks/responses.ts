/** The authorization responses the iss checks judge: the happy flow's success and one error redirect, and why that error redirect may be missing. */

import type { Exchange } from '../../../../reports/run-result.js'
import type { AuthorizationAttempt, CompletedFlow } from '../../../flows/code-flow.js'

export interface JudgedResponse {
  what: 'success response' | 'error response'
  iss: string | undefined
  /** How many `iss` occurrences (RFC 9207 §2: one). */
  occurrences: number
  exchanges: Exchange[]
}

export function authorizationResponses(happyFlow: CompletedFlow, errorAttempt: AuthorizationAttempt): JudgedResponse[] {
  const out: JudgedResponse[] = []
  for (const [what, attempt] of [
    ['success response', happyFlow.attempt],
    ['error response', errorAttempt],
  ] as const) {
    const result = attempt.result
    if (result.kind !== 'callback') continue
    if (what === 'error response' && result.params.error === undefined) continue
    out.push({
      what,
      iss: result.params.iss,
      occurrences: result.allParams.filter(([name]) => name === 'iss').length,
      exchanges: result.exchanges,
    })
  }
  return out
}

/** The error redirect in this evidence, or why there is none. */
export function errorRedirectOf(
  attempt: AuthorizationAttempt,
): { ok: true; params: Record<string, string> } | { ok: false; reason: string } {
  const { result } = attempt
  if (result.kind === 'page')
    return {
      ok: false,
      reason: `prompt=none without a session ended on a page (HTTP ${result.status}), not an error redirect`,
    }
  if (result.params.error === undefined)
    return {
      ok: false,
      reason: 'prompt=none without a session came back without an error (the server logged the user in?)',
    }
  return { ok: true, params: result.params }
}
