/**
 * How long a full client conformance run takes for an HTTP client (the target: under
 * 30 s): the built CLI (`node dist/src/cli/main.js client`) against the openid-client example app,
 * examples/client-app, every client check, wall-clock from spawn to exit.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const CLIENT_RUN_TARGET_SECONDS = 30
const CLI = 'dist/src/cli/main.js'
const CLIENT_TARGET = 'examples/client-app/client-target.json'

export interface ClientRunTime {
  seconds: number
  exitCode: number | null
  checks: number
  passed: number
}

export async function timeClientRun(log: (line: string) => void): Promise<ClientRunTime | undefined> {
  if (!existsSync(CLI)) {
    log(`bench: ${CLI} is missing (run npm run build); client run timing skipped`)
    return undefined
  }
  const out = mkdtempSync(join(tmpdir(), 'codeflow-bench-client-'))
  const started = performance.now()
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [CLI, 'client', '--client-target', CLIENT_TARGET, '--out', out], {
      stdio: 'ignore',
    })
    child.on('exit', resolve)
  })
  const seconds = (performance.now() - started) / 1000
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
    checks: unknown[]
    summary: { passed: number }
  }
  const time = { seconds, exitCode, checks: report.checks.length, passed: report.summary.passed }
  log(`client run: ${seconds.toFixed(1)} s, ${time.checks} checks, exit ${exitCode}`)
  return time
}

export function clientRunLine(time: ClientRunTime): string {
  return `full client conformance run, HTTP client (openid-client app): ${time.seconds.toFixed(1)} s, ${time.checks} checks, exit ${time.exitCode}  (target < ${CLIENT_RUN_TARGET_SECONDS} s ${time.seconds < CLIENT_RUN_TARGET_SECONDS ? 'ok' : 'MISSED'})`
}
