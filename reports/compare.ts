/**
 * What changed between two runs: new failures (regressions), fixed findings, and checks whose
 * level, outcome or message changed. `codeflow compare old.json new.json` exits 1 on a regression.
 */
import type { Report, ReportCheck } from './schema.js'

export interface Comparison {
  regressions: Array<{ id: string; from: string; to: string; message?: string }>
  fixed: Array<{ id: string; from: string; to: string }>
  changed: Array<{ id: string; what: string; from: string; to: string }>
  added: string[]
  removed: string[]
}

const BAD = new Set(['failed', 'error', 'warning'])
const RANK: Record<string, number> = { failed: 3, error: 2, warning: 1 }

export function compareReports(before: Report, after: Report): Comparison {
  const old = new Map(before.checks.map((check) => [check.id, check]))
  const now = new Map(after.checks.map((check) => [check.id, check]))
  const result: Comparison = { regressions: [], fixed: [], changed: [], added: [], removed: [] }
  for (const [id, check] of now) {
    const previous = old.get(id)
    if (!previous) {
      result.added.push(id)
      if (BAD.has(check.outcome))
        result.regressions.push({ id, from: 'absent', to: check.outcome, message: check.message })
      continue
    }
    if (worse(previous, check))
      result.regressions.push({ id, from: previous.outcome, to: check.outcome, message: check.message })
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

function worse(before: ReportCheck, after: ReportCheck): boolean {
  return (RANK[after.outcome] ?? 0) > (RANK[before.outcome] ?? 0)
}

export function hasRegression(comparison: Comparison): boolean {
  return comparison.regressions.length > 0
}

export function renderComparisonText(comparison: Comparison): string {
  const lines: string[] = []
  const section = (title: string, rows: string[]) => {
    if (rows.length === 0) return
    lines.push(`${title} (${rows.length})`, ...rows.map((row) => `  ${row}`), '')
  }
  section(
    'Regressions',
    comparison.regressions.map((r) => `${r.id}: ${r.from} → ${r.to}${r.message ? ` — ${r.message}` : ''}`),
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
  const table = (title: string, rows: string[][]) => {
    if (rows.length === 0) return
    lines.push(
      `### ${title} (${rows.length})`,
      '',
      '| check | from | to | note |',
      '| --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row.map((cell) => cell.replace(/\|/g, '\\|')).join(' | ')} |`),
      '',
    )
  }
  table(
    'Regressions',
    comparison.regressions.map((r) => [`\`${r.id}\``, r.from, r.to, r.message ?? '']),
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
