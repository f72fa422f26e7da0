/**
 * JUnit XML: one <testsuite> per area, one <testcase> per check (classname = area, name = id and
 * title). Failed → <failure>, could-not-drive → <error>, skipped and waived → <skipped>, warnings
 * pass with the finding in <system-out>. The shape CI systems (GitHub, GitLab, Jenkins) read.
 */
import type { Report, ReportCheck } from './schema.js'

export function renderJunit(report: Report): string {
  const byArea = new Map<string, ReportCheck[]>()
  for (const check of report.checks) byArea.set(check.area, [...(byArea.get(check.area) ?? []), check])
  const suites = [...byArea].map(([area, checks]) => {
    const count = (outcome: ReportCheck['outcome'][]) =>
      checks.filter((check) => outcome.includes(check.outcome)).length
    const time = checks.reduce((sum, check) => sum + check.durationMs, 0) / 1000
    return [
      `  <testsuite name="${xml(area)}" tests="${checks.length}" failures="${count(['failed'])}" errors="${count(['error'])}" skipped="${count(['skipped', 'waived'])}" time="${time.toFixed(3)}" timestamp="${xml(report.startedAt.replace(/Z$/, ''))}">`,
      ...checks.map(renderCase),
      '  </testsuite>',
    ].join('\n')
  })
  const s = report.summary
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`codeflow: ${report.target.name}`)}" tests="${report.checks.length}" failures="${s.failed}" errors="${s.error}" skipped="${s.skipped + s.waived}" time="${(report.checks.reduce((sum, check) => sum + check.durationMs, 0) / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function renderCase(check: ReportCheck): string {
  const open = `    <testcase classname="${xml(check.area)}" name="${xml(`${check.id} ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}"`
  const detail = details(check)
  switch (check.outcome) {
    case 'failed':
      return `${open}>\n      <failure message="${xml(check.message ?? 'failed')}" type="${check.level}">${xml(detail)}</failure>\n    </testcase>`
    case 'error':
      return `${open}>\n      <error message="${xml(check.message ?? 'could not drive the target')}" type="could-not-drive">${xml(detail)}</error>\n    </testcase>`
    case 'skipped':
      return `${open}>\n      <skipped message="${xml(check.message ?? 'skipped')}"/>\n    </testcase>`
    case 'waived':
      return `${open}>\n      <skipped message="${xml(`waived: ${check.waiver?.reason ?? ''}`)}"/>\n    </testcase>`
    case 'warning':
      return `${open}>\n      <system-out>${xml(`WARNING (${check.level}): ${detail}`)}</system-out>\n    </testcase>`
    default:
      return check.informational && check.message
        ? `${open}>\n      <system-out>${xml(`NOTE: ${check.message}`)}</system-out>\n    </testcase>`
        : `${open}/>`
  }
}

function details(check: ReportCheck): string {
  const lines = [check.message ?? '', `spec: ${check.spec.map((ref) => `${ref.token} ${ref.url}`).join(', ')}`]
  if (check.expected !== undefined) lines.push(`expected: ${JSON.stringify(check.expected)}`)
  if (check.actual !== undefined) lines.push(`actual: ${JSON.stringify(check.actual)}`)
  for (const exchange of check.evidence.exchanges) {
    lines.push(
      `${exchange.request.method} ${exchange.request.url} → ${exchange.response?.status ?? exchange.error ?? '—'}`,
    )
  }
  return lines.filter(Boolean).join('\n')
}

/** XML 1.0 text: escape markup and drop characters XML cannot carry. */
export function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}
