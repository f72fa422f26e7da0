/** The outcome of one check in one run, and how a verdict becomes an outcome under the check's level. */

import type { AnyCheck, Level, Verdict } from './check.js'
import type { Exchange } from './exchange.js'

/**
 * passed, failed, warning, skipped (with the reason), error (the suite could not drive the
 * target — never reported as a conformance failure).
 */
export type Outcome = 'passed' | 'failed' | 'warning' | 'skipped' | 'error'

export interface CheckResult {
  id: string
  title: string
  area: string
  level: Level
  spec: string[]
  outcome: Outcome
  /** True for a MAY/policy observation reported as passed with a note. */
  informational?: boolean
  message?: string
  expected?: unknown
  actual?: unknown
  exchanges: Exchange[]
  durationMs: number
  /** For an `error`: the id of the RootCause (in SuiteRun.rootCauses) that stopped this check. */
  rootCause?: string
}

/**
 * Why checks could not be judged, once: a failed shared setup (the happy flow, a sign-in, a
 * refresh grant) after its retries, with the redacted exchanges up to the failure. Every check in
 * `error` names one; reports group errors by it instead of repeating the message per check.
 */
export interface RootCause {
  /** Stable within a run, e.g. `gather:happy-flow` or `driver:browser`. */
  id: string
  /** What the suite was doing, in the user's terms ("sign in once for the scenarios"). */
  step: string
  message: string
  /** How many times the step was tried (retries are bounded, with backoff). */
  attempts: number
  /** The exchanges up to the failure, redacted. */
  exchanges: Exchange[]
  /** Ids of the checks that ended in `error` because of it. */
  blocked: string[]
  /** Files the driver left for the user (absolute paths until the report writer copies them next to the report). */
  artifacts?: { screenshot?: string; trace?: string }
  /** Advice: what to change in the target file or on the server. */
  hint?: string
}

/**
 * The target failed under parallel load while the same step succeeded when retried alone: the
 * rest of the run went serial. Reported once, as a robustness observation, not as errors.
 */
export interface RobustnessFinding {
  /** The request that failed under load (its label, e.g. "happy flow: redeem the code"). */
  step: string
  /** How many requests overlapped the failed one, itself included. */
  concurrency: number
  message: string
  exchanges: Exchange[]
}

/**
 * The exchanges a judged CheckResult keeps as its evidence, in the order the check gave them (the
 * catalog's largest need 19: one per probe); with the bodies cut at record time, a report is
 * bounded whatever the target sent (docs/runner-limits.md).
 */
export const CHECK_RESULT_EXCHANGES = 25

/** MUST → failed, SHOULD → warning, MAY → informational (passed with the note). */
export function outcomeOf(verdict: Verdict, level: Level): Pick<CheckResult, 'outcome' | 'informational'> {
  switch (verdict.kind) {
    case 'pass':
      return { outcome: 'passed' }
    case 'skip':
      return { outcome: 'skipped' }
    case 'info':
      return { outcome: 'passed', informational: true }
    case 'warn':
      return { outcome: level === 'MAY' ? 'passed' : 'warning', ...(level === 'MAY' ? { informational: true } : {}) }
    case 'fail':
      if (level === 'MUST') return { outcome: 'failed' }
      if (level === 'SHOULD') return { outcome: 'warning' }
      return { outcome: 'passed', informational: true }
  }
}

export function resultFromVerdict(check: AnyCheck, verdict: Verdict, durationMs: number): CheckResult {
  const base = { id: check.id, title: check.title, area: check.area, level: check.level, spec: check.spec, durationMs }
  if (verdict.kind === 'skip') return { ...base, outcome: 'skipped', message: verdict.reason, exchanges: [] }
  return {
    ...base,
    ...outcomeOf(verdict, check.level),
    ...(verdict.message === undefined ? {} : { message: verdict.message }),
    ...('expected' in verdict && verdict.expected !== undefined ? { expected: verdict.expected } : {}),
    ...('actual' in verdict && verdict.actual !== undefined ? { actual: verdict.actual } : {}),
    exchanges: (verdict.exchanges ?? []).slice(0, CHECK_RESULT_EXCHANGES),
  }
}

/**
 * "Could not drive the target" (or a check that threw): outcome `error`, never a conformance
 * failure. `cause` names the RootCause and gives the exchanges of the failing step.
 */
export function errorResult(
  check: AnyCheck,
  message: string,
  durationMs: number,
  cause?: { id: string; exchanges: readonly Exchange[] },
): CheckResult {
  return {
    id: check.id,
    title: check.title,
    area: check.area,
    level: check.level,
    spec: check.spec,
    outcome: 'error',
    message,
    exchanges: [...(cause?.exchanges ?? [])],
    durationMs,
    ...(cause ? { rootCause: cause.id } : {}),
  }
}
