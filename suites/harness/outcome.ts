/** The outcome of one check in one run, and how a verdict becomes an outcome under the check's level. */

import type { CheckResult, Exchange, Level } from '../../reports/run-result.js'
import type { AnyCheck, Verdict } from './check.js'

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
