/**
 * JUnit XML: one <testsuite> per area, one <testcase> per check (classname = area, name = id and
 * title). Failed → <failure>, could-not-drive → <error> carrying its root cause's message (type =
 * the cause's id), skipped and waived → <skipped>, warnings pass with the finding in <system-out>.
 * Robustness observations go into a test-less <testsuite name="codeflow run"> as properties and
 * <system-out>: an observation, neither a failure nor an error. The shape CI systems read.
 */
import { checksCount, outcomeWithLevel, robustnessSentence } from './check-wording.js'
import type { Report, ReportCheck, ReportRootCause } from './schema.js'

export function renderJunit(report: Report): string {
  return [...renderJunitParts(report)].join('')
}

/** The XML in parts (a line, or one test case), for writing it part by part. */
export function* renderJunitParts(report: Report): Generator<string> {
  const causes = new Map(report.rootCauses.map((cause) => [cause.id, cause]))
  const byArea = new Map<string, ReportCheck[]>()
  for (const check of report.checks) byArea.set(check.area, [...(byArea.get(check.area) ?? []), check])
  const s = report.summary
  yield '<?xml version="1.0" encoding="UTF-8"?>\n'
  yield `<testsuites name="${xml(`codeflow: ${report.target.name}`)}" tests="${report.checks.length}" failures="${s.failed}" errors="${s.error}" skipped="${s.skipped + s.waived}" time="${(report.checks.reduce((sum, check) => sum + check.durationMs, 0) / 1000).toFixed(3)}">\n`
  for (const line of renderRun(report)) yield `${line}\n`
  for (const [area, checks] of byArea) {
    const count = (outcome: ReportCheck['outcome'][]) =>
      checks.filter((check) => outcome.includes(check.outcome)).length
    const time = checks.reduce((sum, check) => sum + check.durationMs, 0) / 1000
    yield `  <testsuite name="${xml(area)}" tests="${checks.length}" failures="${count(['failed'])}" errors="${count(['error'])}" skipped="${count(['skipped', 'waived'])}" time="${time.toFixed(3)}" timestamp="${xml(report.startedAt.replace(/Z$/, ''))}">\n`
    for (const check of checks)
      yield `${renderCase(check, check.rootCause ? causes.get(check.rootCause) : undefined)}\n`
    yield '  </testsuite>\n'
  }
  yield '</testsuites>\n'
}

/** The run's own observations and, when it is incomplete, why: a suite with no test cases. */
function renderRun(report: Report): string[] {
  if (report.robustness.length === 0 && !report.incomplete) return []
  const properties = [
    `      <property name="incomplete" value="${report.incomplete}"/>`,
    ...report.rootCauses.map(
      (cause) =>
        `      <property name="root-cause" value="${xml(`${cause.id}: ${cause.step}: ${cause.message} (${cause.blocked.length > 0 ? `blocked ${checksCount(cause.blocked.length)}` : 'stopped the run'})`)}"/>`,
    ),
    ...report.robustness.map(
      (finding) => `      <property name="robustness" value="${xml(robustnessSentence(finding))}"/>`,
    ),
  ]
  const out = report.robustness.map(
    (finding) => `ROBUSTNESS (an observation, not a failure): ${robustnessSentence(finding)}`,
  )
  return [
    `  <testsuite name="codeflow run" tests="0" failures="0" errors="0" skipped="0" time="0.000" timestamp="${xml(report.startedAt.replace(/Z$/, ''))}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...(out.length > 0 ? [`    <system-out>${xml(out.join('\n'))}</system-out>`] : []),
    '  </testsuite>',
  ]
}

function renderCase(check: ReportCheck, cause: ReportRootCause | undefined): string {
  const open = `    <testcase classname="${xml(check.area)}" name="${xml(`${check.id} ${check.title}`)}" time="${(check.durationMs / 1000).toFixed(3)}"`
  const detail = details(check)
  switch (check.outcome) {
    case 'failed':
      return `${open}>\n      <failure message="${xml(check.message ?? 'failed')}" type="${check.level}">${xml(detail)}</failure>\n    </testcase>`
    case 'error': {
      // The root cause's message, the same for every check it blocked, so CI groups them.
      const message = cause
        ? `${cause.step}: ${cause.message}`
        : (check.message ?? 'the suite could not drive the target')
      const why = cause
        ? [
            `NOT a conformance failure: the check could not be judged. Root cause ${cause.id} (${cause.blocked.length > 0 ? `blocked ${checksCount(cause.blocked.length)}` : 'stopped the run'}${cause.attempts > 1 ? `, ${cause.attempts} attempts` : ''}): ${cause.message}`,
            ...(cause.hint ? [`what to do: ${cause.hint}`] : []),
          ].join('\n')
        : 'NOT a conformance failure: the check could not be judged.'
      return `${open}>\n      <error message="${xml(message)}" type="${xml(cause?.id ?? 'could-not-drive')}">${xml(`${why}\n${detail}`)}</error>\n    </testcase>`
    }
    case 'skipped':
      return `${open}>\n      <skipped message="${xml(check.message ?? 'skipped')}"/>\n    </testcase>`
    case 'waived':
      return `${open}>\n      <skipped message="${xml(`waived: ${check.waiver?.reason ?? ''}`)}"/>\n    </testcase>`
    case 'warning':
      return `${open}>\n      <system-out>${xml(`WARNING${outcomeWithLevel(check).slice('warning'.length)}: ${detail}`)}</system-out>\n    </testcase>`
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
