/**
 * The summary `codeflow run` prints: one headline per target, then why the run is incomplete (each
 * root cause once, with the number of checks it blocked), the failed checks, robustness
 * observations, the skipped checks grouped by reason (the reason is the advice), and where the
 * reports are. Pure: reports in, text out.
 */
import { join } from 'node:path'
import { checksCount, incompleteReason, listIds, robustnessSentence, skipGroups } from './check-wording.js'
import type { Report } from './schema.js'
import { REPORT_FILES } from './write-reports.js'

export interface ConsoleEntry {
  /** How the target is named on the command line (its name, or a label when several share one). */
  target: string
  /** The folder the reports were written to. */
  dir: string
  report: Report
}

export function renderConsole(entries: readonly ConsoleEntry[]): string {
  return entries.map(renderConsoleEntry).join('')
}

export function renderConsoleEntry({ target, dir, report }: ConsoleEntry): string {
  const s = report.summary
  const verdict = report.incomplete ? 'INCOMPLETE, not conformant' : report.conformant ? 'conformant' : 'NOT conformant'
  const lines = [
    `${target} (${report.target.issuer}): ${s.passed} passed · ${s.failed} failed · ${s.warning} warning · ${s.skipped} skipped · ${s.error} error${s.waived ? ` · ${s.waived} waived` : ''} — ${verdict}`,
  ]
  if (report.incomplete) {
    lines.push(`  ⛔ the run is incomplete: ${incompleteReason(report)}; fix these first, then run again:`)
    for (const cause of report.rootCauses) {
      const blocked = cause.blocked.length > 0 ? `blocked ${checksCount(cause.blocked.length)}` : 'stopped the run'
      const tries = cause.attempts > 1 ? ` after ${cause.attempts} attempts` : ''
      lines.push(`  ⛔ ${cause.step} [${cause.id}] ${blocked}${tries}: ${oneLine(cause.message)}`)
      if (cause.hint) lines.push(`      what to do: ${oneLine(cause.hint)}`)
      if (cause.artifacts?.screenshot) lines.push(`      screenshot: ${join(dir, cause.artifacts.screenshot)}`)
      if (cause.artifacts?.trace)
        lines.push(`      trace: npx playwright show-trace ${join(dir, cause.artifacts.trace)}`)
    }
  }
  for (const check of report.checks.filter((c) => c.outcome === 'failed')) {
    const spec = check.spec.map((ref) => ref.token).join(', ')
    lines.push(`  ✗ ${check.id} [${check.level}] ${oneLine(check.message ?? check.title)} (${spec})`)
  }
  for (const finding of report.robustness)
    lines.push(`  ~ robustness (an observation, not a failure): ${oneLine(robustnessSentence(finding))}`)
  const skips = skipGroups(report.checks)
  if (skips.length > 0) {
    lines.push(`  skipped (${s.skipped}), by reason:`)
    for (const group of skips)
      lines.push(`    - ${oneLine(group.reason)} — ${checksCount(group.ids.length)}: ${listIds(group.ids)}`)
  }
  lines.push(
    `  reports: ${join(dir, REPORT_FILES.json)} (+ ${REPORT_FILES.junit}, ${REPORT_FILES.html}, ${REPORT_FILES.markdown})`,
  )
  return `${lines.join('\n')}\n`
}

function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ')
}
