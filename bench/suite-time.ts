/**
 * How long the whole conformance suite takes against the embedded mock IdP with the form driver
 * (the target: under 15 s), with each engine: vitest (the default) and direct; and against
 * the mock with 50 ms added to every response (the target: under 60 s), the mock in a
 * process of its own (delayed-mock.ts). Runs the built CLI as a user would
 * (`node dist/src/cli/main.js run`), wall-clock from spawn to exit.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export interface SuiteTime {
  engine: 'vitest' | 'direct'
  seconds: number
  exitCode: number | null
  checks: number
  passed: number
  /** Added to every response of the mock, when measured against the delayed mock. */
  delayMs?: number
  /** The run fell back to serial (the report's robustness finding): one reason a run is slow. */
  wentSerial?: boolean
}

/** The target: the full suite against the embedded mock IdP with 50 ms added latency in under 60 s (docs/performance.md). */
export const LATENCY_TARGET = { delayMs: 50, seconds: 60 }

const CLI = 'dist/src/cli/main.js'

export async function timeSuite(log: (line: string) => void): Promise<SuiteTime[]> {
  if (!existsSync(CLI)) {
    log(`bench: ${CLI} is missing (run npm run build); suite timing skipped`)
    return []
  }
  const results: SuiteTime[] = []
  for (const engine of ['vitest', 'direct'] as const) {
    const time = await runCli(engine, [])
    results.push(time)
    log(`suite (${engine}): ${time.seconds.toFixed(1)} s, ${time.checks} checks, exit ${time.exitCode}`)
  }
  return results
}

/** The whole suite, each engine, against the mock with `delayMs` added to every response. */
export async function timeSuiteWithLatency(
  log: (line: string) => void,
  delayMs = LATENCY_TARGET.delayMs,
): Promise<SuiteTime[]> {
  if (!existsSync(CLI)) {
    log(`bench: ${CLI} is missing (run npm run build); suite timing with latency skipped`)
    return []
  }
  const results: SuiteTime[] = []
  for (const engine of ['vitest', 'direct'] as const) {
    const mock = await startDelayedMock(delayMs)
    try {
      const time = { ...(await runCli(engine, ['--target', mock.target])), delayMs }
      results.push(time)
      log(
        `suite (${engine}) vs mock +${delayMs} ms per response: ${time.seconds.toFixed(1)} s, ${time.checks} checks, exit ${time.exitCode}${time.wentSerial ? ', went serial' : ''}`,
      )
    } finally {
      mock.stop()
    }
  }
  return results
}

async function runCli(engine: 'vitest' | 'direct', args: string[]): Promise<SuiteTime> {
  const out = mkdtempSync(join(tmpdir(), 'codeflow-bench-suite-'))
  const started = performance.now()
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', '--engine', engine, ...args, '--out', out], { stdio: 'ignore' })
    child.on('exit', resolve)
  })
  const seconds = (performance.now() - started) / 1000
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    checks: unknown[]
    summary: { passed: number }
    robustness?: unknown[]
  }
  return {
    engine,
    seconds,
    exitCode,
    checks: report.checks.length,
    passed: report.summary.passed,
    wentSerial: (report.robustness?.length ?? 0) > 0,
  }
}

const DELAYED_MOCK = fileURLToPath(new URL('./delayed-mock.ts', import.meta.url))

/** Starts delayed-mock.ts and waits for its ready line; `stop` ends it (closing its stdin ends it too). */
async function startDelayedMock(delayMs: number): Promise<{ target: string; stop: () => void }> {
  const target = join(mkdtempSync(join(tmpdir(), 'codeflow-bench-delayed-')), 'target.json')
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', DELAYED_MOCK, target, String(delayMs)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const ready = await new Promise<boolean>((resolve) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', () => resolve(true))
    child.once('exit', () => resolve(false))
  })
  if (!ready) throw new Error('the delayed mock IdP exited before it was ready')
  return { target, stop: () => child.kill('SIGTERM') }
}
