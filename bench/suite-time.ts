/**
 * How long the whole conformance suite takes against the embedded mock IdP with the form driver
 * (issue 4's target: under 15 s), with each engine: vitest (the default) and direct. Runs the
 * built CLI as a user would (`node dist/src/cli/main.js run`), wall-clock from spawn to exit.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SuiteTime {
  engine: 'vitest' | 'direct'
  seconds: number
  exitCode: number | null
  checks: number
  passed: number
}

const CLI = 'dist/src/cli/main.js'

export async function timeSuite(log: (line: string) => void): Promise<SuiteTime[]> {
  if (!existsSync(CLI)) {
    log(`bench: ${CLI} is missing (run npm run build); suite timing skipped`)
    return []
  }
  const results: SuiteTime[] = []
  for (const engine of ['vitest', 'direct'] as const) {
    const out = mkdtempSync(join(tmpdir(), 'codeflow-bench-suite-'))
    const started = performance.now()
    const exitCode = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'run', '--engine', engine, '--out', out], { stdio: 'ignore' })
      child.on('exit', resolve)
    })
    const seconds = (performance.now() - started) / 1000
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      checks: unknown[]
      summary: { passed: number }
    }
    results.push({ engine, seconds, exitCode, checks: report.checks.length, passed: report.summary.passed })
    log(`suite (${engine}): ${seconds.toFixed(1)} s, ${report.checks.length} checks, exit ${exitCode}`)
  }
  return results
}
