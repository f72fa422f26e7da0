/**
 * Writes the reports of a finished conformance run: one folder per target (just `out/` when there
 * is one target) with report.json (versioned, reports/schema.ts) and the formats rendered from it.
 */
import { join } from 'node:path'
import type { Baseline } from '../../reports/baseline.js'
import { buildReport } from '../../reports/build-report.js'
import type { FailOn, Report } from '../../reports/schema.js'
import { writeReports } from '../../reports/write-reports.js'
import { version } from '../../src/cli/version.js'
import type { SuiteRun } from '../harness/run-suite.js'
import { targetSecrets } from '../harness/run-suite.js'
import type { TargetFile } from '../harness/target.js'
import { ConformanceReporter } from './reporter.js'

export interface WrittenReport {
  target: string
  dir: string
  report: Report
}

/** `label` names the target's folder when there are several (unique: the vitest project name). */
export function writeRunReports(
  runs: Array<{ run: SuiteRun; target: TargetFile; label?: string }>,
  out: string,
  options: { failOn?: FailOn; baseline?: { file: string; baseline: Baseline } } = {},
): WrittenReport[] {
  return runs.map(({ run, target, label }) => {
    const dir = runs.length === 1 ? out : join(out, slug(label ?? target.name))
    const report = buildReport(run, {
      toolVersion: version(),
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(options.baseline ? { baseline: options.baseline } : {}),
      secrets: targetSecrets(target),
    })
    writeReports(report, dir)
    return { target: target.name, dir, report }
  })
}

export function slug(name: string): string {
  return name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'target'
}

/** For vitest's own CLI (CODEFLOW_OUT): collects like the CLI's reporter and writes the reports at the end. */
export class ReportWritingReporter extends ConformanceReporter {
  constructor(
    private readonly targetsByProject: Map<string, TargetFile>,
    private readonly out: string,
  ) {
    super({ targets: targetsByProject })
  }

  override onTestRunEnd(...args: Parameters<ConformanceReporter['onTestRunEnd']>): void {
    super.onTestRunEnd(...args)
    const targets = [...this.targetsByProject]
    const written = writeRunReports(
      this.collected().runs.map((run, index) => ({ run, target: targets[index]![1], label: targets[index]![0] })),
      this.out,
    )
    for (const { dir } of written) process.stderr.write(`codeflow: reports written to ${dir}\n`)
  }
}
