/**
 * runConformance gives the same verdicts whichever engine runs it: the direct engine (runSuite in
 * this process) and the vitest engine (one vitest project per target, one runSuite per area file
 * in worker threads; in a child process, test/e2e/run-engine.ts, as vitest cannot start inside a
 * vitest test) agree on every check of a selection, with the same messages, evidence and root
 * causes. Only what a run draws at random (state values, codes) and timings may differ.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { CheckResult, SuiteRun } from '../../reports/run-result.js'
import { loadTargetFile } from '../../suites/harness/target.js'
import { runConformance } from '../../suites/run/run-conformance.js'

/** A few areas: passes and, with the target below, failures; small enough for a test. */
const ONLY = ['discovery', 'state', 'pkce', 'iss']

let idp: MockIdp
let file: string

beforeAll(async () => {
  // plain PKCE allowed while the target's policy forbids it: a MUST fails, so failures are compared too.
  idp = await createMockIdp({ log: { level: 'silent' }, pkce: { allowPlain: true } })
  file = join(mkdtempSync(join(tmpdir(), 'codeflow-engines-')), 'target.json')
  writeFileSync(file, JSON.stringify({ ...idp.targetFile(), policy: { pkce_plain: 'forbid' } }))
})

afterAll(async () => {
  await idp?.close()
})

async function onVitest(): Promise<{ runs: SuiteRun[]; runErrors: string[] }> {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/e2e/run-engine.ts', JSON.stringify({ target: file, engine: 'vitest', only: ONLY })],
      { maxBuffer: 64 * 1024 * 1024, timeout: 220_000 },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    ),
  )
  return JSON.parse(stdout) as { runs: SuiteRun[]; runErrors: string[] }
}

/** A verdict without what a run draws at random or measures: exchanges, durations, the random values in `actual`. */
function verdict({ id, outcome, level, spec, message, expected, rootCause, informational, actual }: CheckResult) {
  return { id, outcome, level, spec, message, expected, rootCause, informational, hasActual: actual !== undefined }
}

function verdicts(run: SuiteRun) {
  return [...run.results].sort((a, b) => a.id.localeCompare(b.id)).map(verdict)
}

it('gives the same verdicts, messages and evidence on the direct and the vitest engine', {
  timeout: 240_000,
}, async () => {
  const direct = await runConformance({
    engine: 'direct',
    targets: [{ target: loadTargetFile(file), baseDir: dirname(file) }],
    only: ONLY,
  })
  const vitest = await onVitest()
  expect(direct.runErrors).toEqual([])
  expect(vitest.runErrors).toEqual([])
  const [directRun] = direct.runs
  const [vitestRun] = vitest.runs
  const outcomes = new Set(directRun!.results.map((result) => result.outcome))
  // The comparison means something: passes and failures are both in it.
  expect([...outcomes]).toEqual(expect.arrayContaining(['failed', 'passed']))
  expect(directRun!.results.every((result) => ONLY.includes(result.area))).toBe(true)
  expect(verdicts(vitestRun!)).toEqual(verdicts(directRun!))
  expect(vitestRun!.rootCauses).toEqual(directRun!.rootCauses)
  expect(vitestRun!.target).toEqual(directRun!.target)
})
