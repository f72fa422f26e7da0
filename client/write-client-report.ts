/** Writes the reports of a client run with the same reports/ code as a server run (report.json kind "client"). */
import { version } from '../core/version.js'
import type { Baseline } from '../reports/baseline.js'
import { buildReport } from '../reports/build-report.js'
import type { FailOn, Report } from '../reports/schema.js'
import { writeReports } from '../reports/write-reports.js'
import type { ClientRunResult } from './run-client.js'

export function writeClientReports(
  result: ClientRunResult,
  dir: string,
  options: { failOn?: FailOn; baseline?: { file: string; baseline: Baseline } } = {},
): { target: string; dir: string; report: Report } {
  const report = buildReport(result.run, {
    toolVersion: version(),
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    secrets: result.secrets,
  })
  return { target: result.run.target.name, dir, report: writeReports(report, dir).report }
}
