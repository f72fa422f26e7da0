/**
 * Judging an error answer of the token, revocation or introspection endpoint (RFC 6749 §5.2): what
 * matters first is the effect (nothing was granted), then the error code against the check's rule
 * (another code fails where the spec names exactly one, warns where it leaves room —
 * suites/harness/error-code-rule.ts), then the status (§5.2: `invalid_client` may be 400 or 401;
 * every other error is 400). Pure: used by checks.
 */

import type { CallResult } from '../../../flows/token-calls.js'
import { fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { codeProblem, type ErrorCodeRule } from '../../../harness/error-code-rule.js'

export interface ExpectErrorOptions {
  /** The error codes the spec allows here, and whether another one fails or warns. */
  rule: ErrorCodeRule
  /** What the request was, for messages: "a refresh token issued to another client". */
  what: string
  exchanges?: CallResult['exchange'][]
}

export function expectError(call: CallResult, options: ExpectErrorOptions): Verdict {
  const exchanges = options.exchanges ?? [call.exchange]
  const { codes } = options.rule
  const expected = codes.length === 1 ? codes[0] : codes
  if (call.status >= 200 && call.status < 300) {
    return fail(`${options.what} was accepted (HTTP ${call.status})`, {
      expected: { status: 400, error: expected },
      actual: { status: call.status },
      exchanges,
    })
  }
  const error = call.body?.error
  // RFC 6749 §5.2: "The parameters are included in the entity-body of the HTTP response using the
  // "application/json" media type".
  if (typeof error !== 'string') {
    return fail(`${options.what} was refused, but the error response is not a JSON object with an "error" member`, {
      expected: { error: expected },
      actual: { status: call.status, contentType: call.contentType, body: call.text.slice(0, 200) },
      exchanges,
    })
  }
  const problem = codeProblem(error, options.rule, options.what)
  if (problem) {
    return (problem.kind === 'fail' ? fail : warn)(problem.message, { expected, actual: error, exchanges })
  }
  // RFC 6749 §5.2: "The authorization server responds with an HTTP 400 (Bad Request) status code
  // (unless specified otherwise)"; only invalid_client "MAY return an HTTP 401".
  const statusOk = error === 'invalid_client' ? call.status === 400 || call.status === 401 : call.status === 400
  if (!statusOk) {
    return fail(`${options.what} was refused with "${error}" but HTTP ${call.status} (RFC 6749 §5.2: 400)`, {
      expected: error === 'invalid_client' ? [400, 401] : 400,
      actual: call.status,
      exchanges,
    })
  }
  return pass(`${options.what} was refused with "${error}"`, { exchanges })
}

/** Scope values of a token response member (RFC 6749 §3.3: space-delimited). */
export function scopeList(value: unknown): string[] | undefined {
  return typeof value === 'string' ? value.split(' ').filter(Boolean) : undefined
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a)
  const right = new Set(b)
  return left.size === right.size && [...left].every((value) => right.has(value))
}

/** Why a refresh check has nothing to judge when the code exchange carried no refresh token. */
export const NO_REFRESH_TOKEN = 'no refresh token was issued, so there is nothing to refresh (see rt.refresh-works)'

const SEVERITY = { skip: 0, pass: 1, info: 2, warn: 3, fail: 4 } as const

/** The most severe of several sub-verdicts (fail > warn > info > pass); messages of equal severity are joined. */
export function worstOf(verdicts: readonly Verdict[]): Verdict {
  const judged = verdicts.filter((verdict) => verdict.kind !== 'skip')
  if (judged.length === 0) return verdicts[0] ?? { kind: 'skip', reason: 'nothing to judge' }
  const top = Math.max(...judged.map((verdict) => SEVERITY[verdict.kind]))
  const worst = judged.filter((verdict) => SEVERITY[verdict.kind] === top) as Array<Exclude<Verdict, { kind: 'skip' }>>
  const first = worst[0]!
  const message = worst
    .map((verdict) => verdict.message)
    .filter(Boolean)
    .join('; ')
  const exchanges = judged.flatMap((verdict) => ('exchanges' in verdict ? (verdict.exchanges ?? []) : []))
  return {
    ...first,
    message: message || first.message,
    ...(worst.length > 1 ? { expected: worst.map((v) => v.expected), actual: worst.map((v) => v.actual) } : {}),
    exchanges,
  } as Verdict
}
