/** A compact Markdown summary for a CI job summary: verdict, a table by area, findings first with spec links. */
import { sortChecks } from '../reports/build-report.js'
import type { Report, ReportCheck } from './schema.js'

const ICON: Record<ReportCheck['outcome'], string> = {
  failed: '❌',
  error: '⛔',
  warning: '⚠️',
  waived: '🏳️',
  passed: '✅',
  skipped: '⏭️',
}

export function renderMarkdown(report: Report): string {
  const s = report.summary
  const lines = [
    `## Codeflow conformance: ${report.target.name}`,
    '',
    `**${report.conformant ? '✅ conformant' : '❌ not conformant'}** (gate: fail on ${report.gate.failOn === 'never' ? 'nothing' : report.gate.failOn === 'must' ? 'failed MUST checks' : 'failed MUST and SHOULD checks'}) · issuer \`${report.target.issuer}\``,
    '',
    `${s.passed} passed · ${s.failed} failed · ${s.warning} warnings · ${s.error} errors · ${s.skipped} skipped${s.waived ? ` · ${s.waived} waived` : ''}`,
    '',
    '| area | ✅ | ❌ MUST | ⚠️ SHOULD | ⛔ error | ⏭️ skipped |',
    '| --- | --- | --- | --- | --- | --- |',
  ]
  const areas = [...new Set(report.checks.map((check) => check.area))]
  for (const area of areas) {
    const in_ = report.checks.filter((check) => check.area === area)
    const n = (outcome: ReportCheck['outcome']) => in_.filter((check) => check.outcome === outcome).length
    lines.push(
      `| ${area} | ${n('passed')} | ${n('failed')} | ${n('warning')} | ${n('error')} | ${n('skipped') + n('waived')} |`,
    )
  }
  const findings = sortChecks(report.checks).filter((check) =>
    ['failed', 'error', 'warning', 'waived'].includes(check.outcome),
  )
  if (findings.length > 0) {
    lines.push('', '### Findings', '')
    for (const check of findings) {
      const refs = check.spec.map((ref) => `[${ref.token}](${ref.url})`).join(', ')
      const note = check.outcome === 'waived' ? ` — waived: ${check.waiver?.reason}` : ''
      lines.push(
        `- ${ICON[check.outcome]} **\`${check.id}\`** (${check.level}) ${md(check.message ?? check.title)}${note} — ${refs}`,
      )
    }
  }
  if (report.baseline && (report.baseline.stale.length > 0 || report.baseline.expired.length > 0)) {
    lines.push('', '### Baseline', '')
    for (const waiver of report.baseline.expired)
      lines.push(`- expired waiver \`${waiver.check}\` (${waiver.expires}): ${md(waiver.reason)}`)
    for (const waiver of report.baseline.stale)
      lines.push(`- stale waiver \`${waiver.check}\` matches no finding: remove it`)
  }
  return `${lines.join('\n')}\n`
}

function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;')
}
