/**
 * A compact Markdown summary for a CI job summary: the verdict (incomplete runs say so first, with
 * their root causes), robustness observations, a table by area, findings with spec links, and the
 * skipped checks grouped by reason.
 */

import { sortChecks } from './build-report.js'
import {
  checksCount,
  incompleteReason,
  listIds,
  outcomeWithLevel,
  robustnessSentence,
  skipGroups,
} from './check-wording.js'
import { reportTitle } from './report-title.js'
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
  const gate =
    report.gate.failOn === 'never'
      ? 'nothing'
      : report.gate.failOn === 'must'
        ? 'failed MUST checks'
        : 'failed MUST and SHOULD checks'
  const verdict = report.incomplete
    ? '⛔ incomplete, not conformant'
    : report.conformant
      ? '✅ conformant'
      : '❌ not conformant'
  const lines = [
    `## ${reportTitle(report)}: ${md(report.target.name)}`,
    '',
    `**${verdict}** (gate: fail on ${gate}) · issuer \`${report.target.issuer}\``,
    '',
    `${s.passed} passed · ${s.failed} failed · ${plural(s.warning, 'warning')} · ${plural(s.error, 'error')} · ${s.skipped} skipped${s.waived ? ` · ${s.waived} waived` : ''}`,
  ]
  if (report.rootCauses.length > 0) {
    lines.push(
      '',
      '### Why the run is incomplete',
      '',
      `${incompleteReason(report)}. These are not conformance failures, but the checks the run could not judge may be the ones that fail: fix each cause, then run again.`,
      '',
    )
    for (const cause of report.rootCauses) {
      const blocked =
        cause.blocked.length > 0
          ? `blocked ${checksCount(cause.blocked.length)} (${listIds(cause.blocked, 5, (id) => `\`${id}\``)})`
          : 'stopped the run'
      const tries = cause.attempts > 1 ? ` after ${cause.attempts} attempts` : ''
      lines.push(`- ⛔ **${md(cause.step)}** (\`${cause.id}\`) ${blocked}${tries}: ${md(cause.message)}`)
      if (cause.hint) lines.push(`  - what to do: ${md(cause.hint)}`)
      if (cause.artifacts?.screenshot)
        lines.push(`  - screenshot: [${cause.artifacts.screenshot}](${cause.artifacts.screenshot})`)
      if (cause.artifacts?.trace)
        lines.push(`  - trace (from the report folder): \`npx playwright show-trace ${cause.artifacts.trace}\``)
    }
  }
  if (report.robustness.length > 0) {
    lines.push('', '### Robustness (an observation, not a failure)', '')
    for (const finding of report.robustness) lines.push(`- ${md(robustnessSentence(finding))}`)
  }
  // Words, not icons, in the header: a ✅ in the page must only ever mean "conformant".
  lines.push('', '| area | passed | failed | warning | error | skipped |', '| --- | --- | --- | --- | --- | --- |')
  const areas = [...new Set(report.checks.map((check) => check.area))]
  for (const area of areas) {
    const in_ = report.checks.filter((check) => check.area === area)
    const n = (outcome: ReportCheck['outcome']) => in_.filter((check) => check.outcome === outcome).length
    lines.push(
      `| ${md(area)} | ${n('passed')} | ${n('failed')} | ${n('warning')} | ${n('error')} | ${n('skipped') + n('waived')} |`,
    )
  }
  // Errors are listed by root cause above, not once per check.
  const findings = sortChecks(report.checks).filter((check) => ['failed', 'warning', 'waived'].includes(check.outcome))
  if (findings.length > 0) {
    lines.push('', '### Findings', '')
    for (const check of findings) {
      const refs = check.spec.map((ref) => `[${ref.token}](${ref.url})`).join(', ')
      const note = check.outcome === 'waived' ? ` — waived: ${md(check.waiver?.reason ?? '')}` : ''
      lines.push(
        `- ${ICON[check.outcome]} **\`${check.id}\`** ${outcomeWithLevel(check)}: ${md(check.message ?? check.title)}${note} — ${refs}`,
      )
    }
  }
  const skips = skipGroups(report.checks)
  if (skips.length > 0) {
    lines.push('', '### Skipped, and why', '')
    for (const group of skips)
      lines.push(
        `- ${md(group.reason)} — ${checksCount(group.ids.length)}: ${listIds(group.ids, 8, (id) => `\`${id}\``)}`,
      )
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

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

function md(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').replace(/</g, '&lt;')
}
