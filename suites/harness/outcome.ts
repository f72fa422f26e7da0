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
}

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
    exchanges: [...(verdict.exchanges ?? [])],
  }
}

/** "Could not drive the target" (or a check that threw): outcome `error`, never a conformance failure. */
export function errorResult(check: AnyCheck, message: string, durationMs: number): CheckResult {
  return {
    id: check.id,
    title: check.title,
    area: check.area,
    level: check.level,
    spec: check.spec,
    outcome: 'error',
    message,
    exchanges: [],
    durationMs,
  }
}
