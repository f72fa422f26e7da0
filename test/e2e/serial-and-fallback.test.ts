/**
 * The run engine against a server like the dev servers it meets in the wild: the mock IdP behind
 * a proxy that answers `500 database is locked` whenever requests overlap (locking-proxy.ts).
 * Both engines of runConformance — direct (one runSuite) and vitest (one runSuite per area, in
 * worker threads sharing one request gate) — must fall back to serial by themselves, report it
 * once, and give the verdicts of a healthy server; `--concurrency 1` must keep one request in
 * flight at the server, except the bursts that are simultaneous by design; and a setup that fails
 * for good must be one root cause, not one error per check.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { Outcome, SuiteRun } from '../../reports/run-result.js'
import { checks } from '../../suites/catalog.js'
import { parseTargetFile } from '../../suites/harness/target.js'
import { runConformance } from '../../suites/run/run-conformance.js'
import { type LockingProxy, type SeenRequest, startLockingProxy } from './locking-proxy.js'
import { describeResults, withOutcome } from './suite-support.js'

let proxy: LockingProxy
let idp: MockIdp
let dir: string
/** The verdicts against the healthy server (the same mock, through the proxy in `pass` mode). */
let healthy: Record<string, Outcome>

beforeAll(async () => {
  proxy = await startLockingProxy()
  // The issuer is the proxy's URL: every request of the suite goes through it.
  idp = await createMockIdp({ log: { level: 'silent' }, issuer: proxy.url })
  proxy.upstream = idp.url
  dir = mkdtempSync(join(tmpdir(), 'codeflow-serial-'))
  proxy.mode = 'pass'
  healthy = verdicts(await direct(idp.targetFile()))
}, 240_000)

afterAll(async () => {
  await idp?.close()
  await proxy?.close()
})

/** The direct engine, in this process: its one SuiteRun. */
async function direct(targetFile: unknown, concurrency?: number): Promise<SuiteRun> {
  const { runs, runErrors } = await runConformance({
    engine: 'direct',
    targets: [{ target: parseTargetFile(targetFile), baseDir: dir }],
    ...(concurrency ? { concurrency } : {}),
  })
  expect(runErrors).toEqual([])
  return runs[0]!
}

/** The vitest engine in a child process (test/e2e/run-engine.ts): its one SuiteRun. */
async function onVitest(targetFile: unknown, concurrency?: number): Promise<SuiteRun> {
  const file = join(dir, `target-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(file, JSON.stringify(targetFile))
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/e2e/run-engine.ts', JSON.stringify({ target: file, concurrency })],
      { maxBuffer: 256 * 1024 * 1024, timeout: 220_000 },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    ),
  )
  const { runs, runErrors } = JSON.parse(stdout) as { runs: SuiteRun[]; runErrors: string[] }
  expect(runErrors).toEqual([])
  return runs[0]!
}

function verdicts(run: SuiteRun): Record<string, Outcome> {
  return Object.fromEntries(run.results.map((result) => [result.id, result.outcome]))
}

/** An overlap at the server that is one of the declared bursts: POSTs to the token endpoint spending one code or refresh token. */
function isDeclaredBurst(group: SeenRequest[]): boolean {
  const spent = group.map((request) => {
    const form = new URLSearchParams(request.body)
    return request.method === 'POST' && request.path === '/auth/token'
      ? (form.get('code') ?? form.get('refresh_token'))
      : null
  })
  return spent[0] !== null && spent.every((value) => value === spent[0])
}

function expectFallback(run: SuiteRun): void {
  expect(describeResults(withOutcome(run, 'error'))).toEqual([])
  expect(run.robustness).toHaveLength(1)
  const [finding] = run.robustness
  expect(finding!.step).toMatch(/\S/)
  expect(finding!.concurrency).toBeGreaterThan(1)
  expect(finding!.message).toContain(`"${finding!.step}"`)
  expect(finding!.exchanges[0]?.response?.status).toBe(500)
  expect(run.rootCauses).toEqual([])
  expect(verdicts(run)).toEqual(healthy)
}

it('has a healthy baseline to compare with: every applicable check passes through the proxy', () => {
  expect(Object.values(healthy).filter((outcome) => outcome !== 'passed' && outcome !== 'skipped')).toEqual([])
  expect(Object.keys(healthy).length).toBe(checks.length)
})

const fallbackDirect =
  'falls back to serial when the server fails under parallel load, once, with the verdicts of a healthy server (direct engine)'
it(fallbackDirect, { timeout: 240_000 }, async () => {
  proxy.mode = 'lock'
  proxy.reset()
  const run = await direct(idp.targetFile())
  // The server did fail under load: otherwise this test would prove nothing.
  expect(proxy.rejected).toBeGreaterThan(0)
  expectFallback(run)
})

const fallbackVitest =
  'falls back to serial across the vitest workers, reports it once and gives the same verdicts (vitest engine)'
it(fallbackVitest, { timeout: 240_000 }, async () => {
  proxy.mode = 'lock'
  proxy.reset()
  const run = await onVitest(idp.targetFile())
  expect(proxy.rejected).toBeGreaterThan(0)
  expectFallback(run)
})

const serialDirect =
  '--concurrency 1 keeps one request in flight at the server, except the bursts simultaneous by design (direct engine)'
it(serialDirect, { timeout: 240_000 }, async () => {
  proxy.mode = 'pass'
  proxy.reset()
  const run = await direct(idp.targetFile(), 1)
  expect(describeResults(withOutcome(run, 'error', 'failed', 'warning'))).toEqual([])
  expect(proxy.overlaps.filter((group) => !isDeclaredBurst(group))).toEqual([])
})

const serialVitest =
  '--concurrency 1 keeps one request in flight at the server across the whole vitest run (vitest engine)'
it(serialVitest, { timeout: 240_000 }, async () => {
  proxy.mode = 'pass'
  proxy.reset()
  const run = await onVitest(idp.targetFile(), 1)
  expect(describeResults(withOutcome(run, 'error', 'failed', 'warning'))).toEqual([])
  expect(proxy.overlaps.filter((group) => !isDeclaredBurst(group))).toEqual([])
})

const wrongPassword =
  'makes one root cause of a refused password, blocking the checks that need a login, on both engines'
it(wrongPassword, { timeout: 240_000 }, async () => {
  proxy.mode = 'pass'
  const targetFile = idp.targetFile()
  const refused = { ...targetFile, users: targetFile.users.map((user) => ({ ...user, password: 'not-the-password' })) }
  const runs = [await direct(refused), await onVitest(refused)]
  for (const run of runs) {
    expect(run.rootCauses).toHaveLength(1)
    const [cause] = run.rootCauses
    expect(cause!.id).toMatch(/^login:form:/)
    expect(cause!.attempts).toBe(1)
    expect(cause!.message).toContain('the login page was shown again after submitting the password')
    // The exchanges up to the failure: the login form posted, and shown again.
    expect(cause!.exchanges.some((exchange) => exchange.request.method === 'POST')).toBe(true)
    const errors = withOutcome(run, 'error')
    expect(errors.length).toBeGreaterThan(50)
    expect(cause!.blocked).toEqual(errors.map((result) => result.id).sort())
    for (const result of errors) {
      expect(result.rootCause).toBe(cause!.id)
      expect(result.exchanges.length).toBeGreaterThan(0)
      expect(result.exchanges.length).toBeLessThanOrEqual(10)
    }
    expect(JSON.stringify(run)).not.toContain('not-the-password')
  }
  expect(runs[1]!.rootCauses.map(({ id, blocked }) => ({ id, blocked }))).toEqual(
    runs[0]!.rootCauses.map(({ id, blocked }) => ({ id, blocked })),
  )
})
