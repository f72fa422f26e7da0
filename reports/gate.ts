/**
 * The gate a CI pipeline applies: which findings make a run non-conformant. Default: any failed
 * MUST. `--fail-on should` also fails on warnings; `never` only reports. Whatever the gate, a run
 * in which a check could not be judged (outcome `error`) or that stopped early is incomplete:
 * never conformant, because the checks it could not judge may be the ones that fail.
 * Exit codes: 0 conformant, 1 non-conformant, 2 the run itself failed (incomplete included).
 */
import type { FailOn, Report, ReportCheck, Summary } from './schema.js'

export const EXIT = { conformant: 0, nonConformant: 1, runFailed: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export function tripsGate(check: Pick<ReportCheck, 'outcome'>, failOn: FailOn): boolean {
  if (failOn === 'never') return false
  if (check.outcome === 'failed') return true
  return failOn === 'should' && check.outcome === 'warning'
}

/** Some check could not be judged: the suite could not drive the target to it. */
export function isIncomplete(checks: Array<Pick<ReportCheck, 'outcome'>>): boolean {
  return checks.some((check) => check.outcome === 'error')
}

/** Every check was judged and no finding trips the gate. */
export function isConformant(checks: Array<Pick<ReportCheck, 'outcome'>>, failOn: FailOn): boolean {
  return !isIncomplete(checks) && !checks.some((check) => tripsGate(check, failOn))
}

/**
 * The exit code of a run over one or more targets: 2 when any report is incomplete (the verdict
 * is unknown, even where some MUST already failed: fix the run first), else 1 when any is not
 * conformant, else 0.
 */
export function exitCodeOf(reports: Array<Pick<Report, 'conformant' | 'incomplete'>>): ExitCode {
  if (reports.some((report) => report.incomplete)) return EXIT.runFailed
  if (reports.some((report) => !report.conformant)) return EXIT.nonConformant
  return EXIT.conformant
}

export function summarize(checks: Array<Pick<ReportCheck, 'outcome'>>): Summary {
  const summary: Summary = { passed: 0, failed: 0, warning: 0, skipped: 0, error: 0, waived: 0 }
  for (const check of checks) summary[check.outcome]++
  return summary
}
