/** `codeflow client` as a user runs it (a real process, from the sources), and the report it writes. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseReport } from '../../reports/parse-report.js'
import type { Report } from '../../reports/schema.js'
import { runProcess } from './run-process.js'

export async function codeflowClient(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ran = await runProcess(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'client', ...args])
  return { ...ran, code: ran.code ?? -1 }
}

/** The report.json a run wrote into `dir`, read as `codeflow report` reads it. */
export function readReportIn(dir: string): Report {
  return parseReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))
}
