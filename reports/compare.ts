/**
 * What changed between two runs: new failures (regressions), fixed findings, checks whose level,
 * outcome or message changed, and whether either run was incomplete and why (its root causes:
 * the ones that appeared, the ones that went away). Checks that newly ended in `error` are shown
 * by root cause, once per cause. `codeflow compare old.json new.json` exits 1 on a regression.
 */
import { checksCount, listIds } from './check-wording.js'
import type { Report, ReportCheck, ReportRootCause } from './schema.js'

export interface RootCauseSummary {
  id: string
  step: string
  message: string
  blocked: number
}

export interface Comparison {
  /** `rootCause`: for a check that newly ended in `error`, the id of the new run's cause. */
  regressions: Array<{ id: string; from: string; to: string; message?: string; rootCause?: string }>
  fixed: Array<{ id: string; from: string; to: string }>
  changed: Array<{ id: string; what: string; from: string; to: string }>
  added: string[]
  removed: string[]
  /** Whether each run was incomplete (a check could not be judged, or the run stopped early). */
  incomplete: { before: boolean; after: boolean }
  rootCauses: { appeared: RootCauseSummary[]; resolved: RootCauseSummary[] }
}

const BAD = new Set(['failed', 'error', 'warning'])
const RANK: Record<string, number> = { failed: 3, error: 2, warning: 1 }

export function compareReports(before: Report, after: Report): Comparison {
  const old = new Map(before.checks.map((check) => [check.id, check]))
  const now = new Map(after.checks.map((check) => [check.id, check]))
  const result: Comparison = {
    regressions: [],
    fixed: [],
    changed: [],
    added: [],
    removed: [],
    incomplete: { before: before.incomplete, after: after.incomplete },
    rootCauses: compareRootCauses(before.rootCauses, after.rootCauses),
  }
  const regression = (check: ReportCheck, from: string) => ({
    id: check.id,
    from,
    to: check.outcome,
    ...(check.message === undefined ? {} : { message: check.message }),
    ...(check.outcome === 'error' && check.rootCause ? { rootCause: check.rootCause } : {}),
  })
  for (const [id, check] of now) {
    const previous = old.get(id)
    if (!previous) {
      result.added.push(id)
      if (BAD.has(check.outcome)) result.regressions.push(regression(check, 'absent'))
      continue
    }
    if (worse(previous, check)) result.regressions.push(regression(check, previous.outcome))
    else if (BAD.has(previous.outcome) && !BAD.has(check.outcome))
      result.fixed.push({ id, from: previous.outcome, to: check.outcome })
    else if (previous.outcome !== check.outcome)
      result.changed.push({ id, what: 'outcome', from: previous.outcome, to: check.outcome })
    if (previous.level !== check.level)
      result.changed.push({ id, what: 'level', from: previous.level, to: check.level })
    if (
      previous.outcome === check.outcome &&
      BAD.has(check.outcome) &&
      (previous.message ?? '') !== (check.message ?? '')
    ) {
      result.changed.push({ id, what: 'message', from: previous.message ?? '', to: check.message ?? '' })
    }
  }
  for (const id of old.keys()) if (!now.has(id)) result.removed.push(id)
  return result
}

/**
 * Causes match by id when the engine named them (`gather:happy-flow` is stable between runs), by
 * step and message when the report derived them from check messages (their ids are positional).
 */
function compareRootCauses(
  before: ReportRootCause[],
  after: ReportRootCause[],
): { appeared: RootCauseSummary[]; resolved: RootCauseSummary[] } {
  const key = (cause: ReportRootCause) =>
    /^error-\d+$/.test(cause.id) ? `message:${cause.step}\n${cause.message}` : `id:${cause.id}`
  const summary = (cause: ReportRootCause): RootCauseSummary => ({
    id: cause.id,
    step: cause.step,
    message: cause.message,
    blocked: cause.blocked.length,
  })
  const was = new Set(before.map(key))
  const is = new Set(after.map(key))
  return {
    appeared: after.filter((cause) => !was.has(key(cause))).map(summary),
    resolved: before.filter((cause) => !is.has(key(cause))).map(summary),
  }
}

function worse(before: ReportCheck, after: ReportCheck): boolean {
  return (RANK[after.outcome] ?? 0) > (RANK[before.outcome] ?? 0)
}

export function hasRegression(comparison: Comparison): boolean {
  return comparison.regressions.length > 0
}

/** One line per check, except checks that newly ended in `error`: one line per root cause. */
function regressionRows(comparison: Comparison): Array<{ ids: string[]; from: string; to: string; note: string }> {
  const rows: Array<{ ids: string[]; from: string; to: string; note: string }> = []
  const byCause = new Map<string, (typeof rows)[number]>()
  const causes = new Map(comparison.rootCauses.appeared.map((cause) => [cause.id, cause]))
  for (const r of comparison.regressions) {
    if (r.rootCause === undefined) {
      rows.push({ ids: [r.id], from: r.from, to: r.to, note: r.message ?? '' })
      continue
    }
    const key = `${r.rootCause}\n${r.from}`
    const row = byCause.get(key)
    if (row) row.ids.push(r.id)
    else {
      const cause = causes.get(r.rootCause)
      const created = {
        ids: [r.id],
        from: r.from,
        to: r.to,
        note: `root cause ${r.rootCause}${cause ? ` (${cause.step}): ${cause.message}` : r.message ? `: ${r.message}` : ''}`,
      }
      byCause.set(key, created)
      rows.push(created)
    }
  }
  return rows
}

function incompleteLines(comparison: Comparison): string[] {
  const { before, after } = comparison.incomplete
  if (!before && !after) return []
  const state = (incomplete: boolean) => (incomplete ? 'incomplete' : 'complete')
  const lines = [`The old run was ${state(before)}; the new run is ${state(after)}.`]
  for (const cause of comparison.rootCauses.appeared)
    lines.push(`New root cause ${cause.id} (${cause.step}, blocked ${checksCount(cause.blocked)}): ${cause.message}`)
  for (const cause of comparison.rootCauses.resolved)
    lines.push(`Gone: root cause ${cause.id} (${cause.step}): ${cause.message}`)
  return lines
}

export function renderComparisonText(comparison: Comparison): string {
  const lines: string[] = []
  const section = (title: string, rows: string[], count = rows.length) => {
    if (rows.length === 0) return
    lines.push(`${title} (${count})`, ...rows.map((row) => `  ${row}`), '')
  }
  const incomplete = incompleteLines(comparison)
  if (incomplete.length > 0) lines.push(...incomplete, '')
  section(
    'Regressions',
    regressionRows(comparison).map((r) =>
      r.ids.length === 1
        ? `${r.ids[0]}: ${r.from} → ${r.to}${r.note ? ` — ${r.note}` : ''}`
        : `${checksCount(r.ids.length)} ${r.from} → ${r.to} — ${r.note}: ${listIds(r.ids)}`,
    ),
    comparison.regressions.length,
  )
  section(
    'Fixed',
    comparison.fixed.map((r) => `${r.id}: ${r.from} → ${r.to}`),
  )
  section(
    'Changed',
    comparison.changed.map((r) => `${r.id}: ${r.what} ${r.from} → ${r.to}`),
  )
  section('New checks', comparison.added)
  section('Removed checks', comparison.removed)
  return lines.length === 0 ? 'No differences.\n' : lines.join('\n')
}

export function renderComparisonMarkdown(comparison: Comparison): string {
  const lines = ['## Codeflow: changes between runs', '']
  const incomplete = incompleteLines(comparison)
  if (incomplete.length > 0) lines.push(...incomplete.map((line) => `- ${line.replace(/\|/g, '\\|')}`), '')
  const table = (title: string, rows: string[][], count = rows.length) => {
    if (rows.length === 0) return
    lines.push(
      `### ${title} (${count})`,
      '',
      '| check | from | to | note |',
      '| --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
      '',
    )
  }
  table(
    'Regressions',
    regressionRows(comparison).map((r) => [
      r.ids.length === 1
        ? `\`${r.ids[0]}\``
        : `${checksCount(r.ids.length)}: ${listIds(r.ids, 5, (id) => `\`${id}\``)}`,
      r.from,
      r.to,
      r.note,
    ]),
    comparison.regressions.length,
  )
  table(
    'Fixed',
    comparison.fixed.map((r) => [`\`${r.id}\``, r.from, r.to, '']),
  )
  table(
    'Changed',
    comparison.changed.map((r) => [`\`${r.id}\``, r.from, r.to, r.what]),
  )
  if (lines.length === 2) lines.push('No differences.')
  return `${lines.join('\n')}\n`
}
