/** `codeflow client` as a user runs it (a real process, from the sources), and the report it writes. */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseReport } from '../../reports/parse-report.js'
import type { Report } from '../../reports/schema.js'

export function codeflowClient(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'client', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

/** The report.json a run wrote into `dir`, read as `codeflow report` reads it. */
export function readReportIn(dir: string): Report {
  return parseReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))
}
