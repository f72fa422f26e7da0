/**
 * Pure helpers for judging token-endpoint answers (RFC 6749 §5.1, §5.2; OIDC Core §3.1.3.4):
 * was a token issued, which error came back, and is that an error the spec allows here. Checks of
 * the `token` and `code` areas share them so every negative case is judged the same way
 * (docs/verdict-rules.md: judge on effects; fail on a token or on an answer that is not a
 * §5.2 error; fail on another code where the spec names exactly one, warn where it leaves room —
 * suites/harness/error-code-rule.ts).
 */

import type { Exchange } from '../../../../reports/run-result.js'
import type { CallResult } from '../../../flows/token-calls.js'
import { fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { codeProblem, type ErrorCodeRule, quoteCodes } from '../../../harness/error-code-rule.js'

/** RFC 6749 §5.2's codes plus token-endpoint codes from the IANA "OAuth Extensions Error" registry. */
export const REGISTERED_TOKEN_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  // RFC 8628, RFC 8707, RFC 9396, RFC 9449, RFC 8693, CIBA …
  'authorization_pending',
  'slow_down',
  'access_denied',
  'expired_token',
  'invalid_target',
  'invalid_authorization_details',
  'invalid_dpop_proof',
  'use_dpop_nonce',
  'unsupported_token_type',
  'transaction_failed',
  'expired_login_hint_token',
  'unknown_user_id',
  'missing_user_code',
  'invalid_user_code',
  'invalid_binding_message',
])

/** RFC 6749 §5.2: "Values for the "error" parameter MUST NOT include characters outside the set %x20-21 / %x23-5B / %x5D-7E." (the same for error_description) */
export const ERROR_CHARSET = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/

/** A successful token response: 2xx with an access token (RFC 6749 §5.1). */
export function tokensIssued(call: CallResult): boolean {
  return call.status >= 200 && call.status < 300 && typeof call.body?.access_token === 'string'
}

export function errorCode(call: CallResult): string | undefined {
  return typeof call.body?.error === 'string' ? call.body.error : undefined
}

export function describeCall(call: CallResult): string {
  const error = errorCode(call)
  return error
    ? `HTTP ${call.status} error="${error}"`
    : `HTTP ${call.status}${tokensIssued(call) ? ' with tokens' : ''}`
}

export interface RejectionExpectation {
  /** What was sent, for the message: e.g. 'a code redeemed a second time'. */
  what: string
  /** The error codes the spec allows here, and whether another one fails or warns. */
  rule: ErrorCodeRule
  /** Allowed statuses (default: 400, plus 401 when invalid_client is allowed). */
  statuses?: number[]
}

/**
 * Judges one call that must be refused. Token issued → fail. Not a §5.2 error (no JSON `error`) →
 * fail. Status outside the allowed set → fail. Another error code → fail where the spec names
 * exactly the rule's codes, warn where it leaves room.
 */
export function judgeRejection(call: CallResult, expectation: RejectionExpectation): Verdict {
  const exchanges = [call.exchange]
  const verdict = rejectionProblem(call, expectation)
  if (!verdict) return pass(undefined, { exchanges, actual: describeCall(call) })
  return verdict.kind === 'fail'
    ? fail(verdict.message, { ...verdict.finding, exchanges })
    : warn(verdict.message, { ...verdict.finding, exchanges })
}

interface Problem {
  kind: 'fail' | 'warn'
  message: string
  finding: { expected: unknown; actual: unknown }
}

export function rejectionProblem(call: CallResult, expectation: RejectionExpectation): Problem | undefined {
  const { what, rule } = expectation
  const statuses = expectation.statuses ?? (rule.codes.includes('invalid_client') ? [400, 401] : [400])
  const expected = `HTTP ${statuses.join('/')} with error ${quoteCodes(rule.codes)}`
  const actual = describeCall(call)
  if (tokensIssued(call))
    return { kind: 'fail', message: `the server issued tokens for ${what}`, finding: { expected, actual } }
  const error = errorCode(call)
  if (error === undefined) {
    return {
      kind: 'fail',
      message: `${what} was answered HTTP ${call.status} without a JSON "error" member (RFC 6749 §5.2)`,
      finding: { expected, actual },
    }
  }
  if (!statuses.includes(call.status)) {
    return {
      kind: 'fail',
      message: `${what} was answered error="${error}" with HTTP ${call.status}; RFC 6749 §5.2 requires ${statuses.join(' or ')}`,
      finding: { expected, actual },
    }
  }
  const problem = codeProblem(error, rule, what)
  if (problem) return { ...problem, finding: { expected, actual } }
  return undefined
}

/**
 * Judges several calls that must all be refused: the worst problem decides (fail over warn), and
 * every exchange is attached.
 */
export function judgeRejections(
  cases: Array<{ call: CallResult | undefined; expectation: RejectionExpectation }>,
): Verdict {
  const present = cases.filter((c): c is { call: CallResult; expectation: RejectionExpectation } => !!c.call)
  const exchanges: Exchange[] = present.map((c) => c.call.exchange)
  const problems = present.flatMap((c) => {
    const problem = rejectionProblem(c.call, c.expectation)
    return problem ? [problem] : []
  })
  const actual = present.map((c) => `${c.expectation.what}: ${describeCall(c.call)}`)
  const failures = problems.filter((problem) => problem.kind === 'fail')
  if (failures.length > 0)
    return fail(failures.map((problem) => problem.message).join('; '), {
      expected: present.map((c) => `${c.expectation.what}: ${c.expectation.rule.codes.join(' or ')}`),
      actual,
      exchanges,
    })
  if (problems.length > 0)
    return warn(problems.map((problem) => problem.message).join('; '), {
      expected: present.map((c) => `${c.expectation.what}: ${c.expectation.rule.codes.join(' or ')}`),
      actual,
      exchanges,
    })
  return pass(undefined, { actual, exchanges })
}

/** Whether `headers` carry `Cache-Control: no-store` (a directive in a list, case-insensitive). */
export function hasNoStore(headers: Headers): boolean {
  const value = headers.get('cache-control')
  return !!value && value.split(',').some((directive) => directive.trim().toLowerCase() === 'no-store')
}

export function hasPragmaNoCache(headers: Headers): boolean {
  const value = headers.get('pragma')
  return !!value && value.split(',').some((directive) => directive.trim().toLowerCase() === 'no-cache')
}
