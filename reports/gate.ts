/**
 * The gate a CI pipeline applies: which findings make a run non-conformant. Default: any failed
 * MUST. `--fail-on should` also fails on warnings; `never` only reports.
 * Exit codes: 0 conformant, 1 non-conformant, 2 the run itself failed.
 */
import type { FailOn, ReportCheck, Summary } from './schema.js'

export const EXIT = { conformant: 0, nonConformant: 1, runFailed: 2 } as const

export function tripsGate(check: Pick<ReportCheck, 'outcome'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (check.outcome === 'failed') return true
  return failOn === 'should' && check.outcome === 'warning'
}

export function isConformant(checks: Array<Pick<ReportCheck, 'outcome'>>, failOn: FailOn): boolean {
  return !checks.some((check) => tripsGate(check, failOn))
}

export function summarize(checks: Array<Pick<ReportCheck, 'outcome'>>): Summary {
  const summary: Summary = { passed: 0, failed: 0, warning: 0, skipped: 0, error: 0, waived: 0 }
  for (const check of checks) summary[check.outcome]++
  return summary
}
