/**
 * Writes the reports of a finished conformance run: one folder per target (just `out/` when there
 * is one target) with report.json (versioned, reports/schema.ts) and the formats rendered from it.
 */
import { join } from 'node:path'
import { version } from '../../core/version.js'
import type { Baseline } from '../../reports/baseline.js'
import { buildReport } from '../../reports/build-report.js'
import type { SuiteRun } from '../../reports/run-result.js'
import type { FailOn, Report } from '../../reports/schema.js'
import { writeReports } from '../../reports/write-reports.js'
import { targetSecrets } from '../harness/run-suite.js'
import type { TargetFile } from '../harness/target.js'

export interface WrittenReport {
  target: string
  dir: string
  report: Report
}

export interface WriteRunReportsOptions {
  failOn?: FailOn
  baseline?: { file: string; baseline: Baseline }
  /**
   * Why the run itself failed ("<project or target>: message", or a message for the whole run):
   * each target's report is incomplete when one names it or names no target at all.
   */
  runErrors?: string[]
}

/** `label` names the target's folder when there are several (unique: the vitest project name). */
export function writeRunReports(
  runs: Array<{ run: SuiteRun; target: TargetFile; label?: string }>,
  out: string,
  options: WriteRunReportsOptions = {},
): WrittenReport[] {
  const prefixes = runs.flatMap(({ target, label }) => [`${target.name}: `, ...(label ? [`${label}: `] : [])])
  return runs.map(({ run, target, label }) => {
    const dir = runs.length === 1 ? out : join(out, slug(label ?? target.name))
    const own = [`${target.name}: `, ...(label ? [`${label}: `] : [])]
    const stopped = (options.runErrors ?? []).filter(
      (error) => own.some((prefix) => error.startsWith(prefix)) || !prefixes.some((prefix) => error.startsWith(prefix)),
    )
    const report = buildReport(run, {
      toolVersion: version(),
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(options.baseline ? { baseline: options.baseline } : {}),
      ...(stopped.length > 0 ? { stopped } : {}),
      secrets: targetSecrets(target),
    })
    return { target: target.name, dir, report: writeReports(report, dir).report }
  })
}

export function slug(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'target'
}
