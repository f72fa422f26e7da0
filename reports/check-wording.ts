/**
 * The words every format uses for a check's outcome and level, and the grouping of skip reasons,
 * so the console, Markdown, HTML and JUnit say the same thing the same way.
 */
import type { ReportCheck } from './schema.js'

/**
 * "failed (MUST)", "warning (SHOULD)", and for a MUST check that warned — its verdict was a
 * finding the spec allows, e.g. an extension error code — "warning (MUST check, a finding the
 * spec allows)", never a bare "(MUST)" next to a warning.
 */
export function outcomeWithLevel(check: Pick<ReportCheck, 'outcome' | 'level' | 'informational'>): string {
  if (check.outcome === 'warning' && check.level === 'MUST') return 'warning (MUST check, a finding the spec allows)'
  if (check.outcome === 'passed' && check.informational) return `passed with a note (${check.level})`
  return `${check.outcome} (${check.level})`
}

export interface SkipGroup {
  reason: string
  ids: string[]
}

/** Skipped checks by reason, the most common first: the reason is the advice ("add a second client"). */
export function skipGroups(checks: Array<Pick<ReportCheck, 'id' | 'outcome' | 'message'>>): SkipGroup[] {
  const groups = new Map<string, string[]>()
  for (const check of checks) {
    if (check.outcome !== 'skipped') continue
    const reason = check.message ?? 'no reason given'
    groups.set(reason, [...(groups.get(reason) ?? []), check.id])
  }
  return [...groups]
    .map(([reason, ids]) => ({ reason, ids: ids.sort() }))
    .sort((a, b) => b.ids.length - a.ids.length || a.reason.localeCompare(b.reason))
}

/** "a, b, c and 4 more": a bounded list of check ids for one line. */
export function listIds(ids: readonly string[], max = 5, quote: (id: string) => string = (id) => id): string {
  const shown = ids.slice(0, max).map(quote).join(', ')
  return ids.length > max ? `${shown} and ${ids.length - max} more` : shown
}

/** "1 check", "124 checks". */
export function checksCount(n: number): string {
  return `${n} check${n === 1 ? '' : 's'}`
}

/** Why a run is incomplete, in one phrase: "124 checks could not be judged (1 root cause)". */
export function incompleteReason(report: {
  summary: { error: number }
  rootCauses: Array<{ blocked: string[] }>
}): string {
  const causes = report.rootCauses.length
  const parts: string[] = []
  if (report.summary.error > 0) parts.push(`${checksCount(report.summary.error)} could not be judged`)
  if (report.rootCauses.some((cause) => cause.blocked.length === 0)) parts.push('the run stopped early')
  return `${parts.join(' and ')} (${causes} root cause${causes === 1 ? '' : 's'})`
}

/** One robustness observation as a sentence: what failed under load, and that the run finished serially. */
export function robustnessSentence(finding: { step: string; concurrency: number; message: string }): string {
  return `the target failed under parallel load (${finding.concurrency} flows in flight) at "${finding.step}": ${finding.message}; the rest of the run went serial (one request at a time) and finished`
}
