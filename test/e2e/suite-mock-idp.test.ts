/**
 * The whole conformance suite against the embedded mock IdP's defaults: every applicable check
 * passes (no failed, warning or error result), and `codeflow run` (vitest engine, a real child
 * process) leaves its reports, filters with vitest's tags and shards.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { Report } from '../../reports/schema.js'
import { describeResults, runWholeSuite, withOutcome } from './suite-support.js'

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

it('passes every applicable check against the default mock IdP', async () => {
  const run = await runWholeSuite(idp.targetFile())
  expect(run.results.length).toBeGreaterThan(40)
  const offenders = withOutcome(run, 'failed', 'warning', 'error')
  expect(describeResults(offenders)).toEqual([])
})

const run = promisify(execFile)

async function codeflow(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 240_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

function report(dir: string): Report {
  return JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report
}

const twoTargets = 'runs two targets in parallel on vitest, filters by tag, writes a report.json per target and exits 0'
it(twoTargets, { timeout: 240_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'codeflow-run-'))
  const file = join(out, 'target.json')
  writeFileSync(file, JSON.stringify(idp.targetFile()))
  const result = await codeflow(
    'run',
    '-T',
    file,
    '-T',
    file,
    '--only',
    'discovery,state',
    '--tags-filter',
    'MUST',
    '--out',
    out,
  )
  expect(result.code, result.stderr + result.stdout).toBe(0)
  for (const dir of ['codeflow-mock-idp', 'codeflow-mock-idp-2']) {
    expect(result.stdout).toContain(`${join(out, dir)}/report.json`)
    const written = report(join(out, dir))
    expect(written.schemaVersion).toBe(1)
    expect(written.target.name).toBe('codeflow-mock-idp')
    expect(written.checks.length).toBeGreaterThan(3)
    expect(new Set(written.checks.map((check) => check.area))).toEqual(new Set(['discovery', 'state']))
    expect(new Set(written.checks.map((check) => check.level))).toEqual(new Set(['MUST']))
    expect(written.conformant).toBe(true)
  }
})

const sharding = "shards by area file with vitest's --shard: the two halves cover the selection once"
it(sharding, { timeout: 240_000 }, async () => {
  const ids: string[][] = []
  for (const shard of ['1/2', '2/2']) {
    const out = mkdtempSync(join(tmpdir(), 'codeflow-shard-'))
    const result = await codeflow('run', '--only', 'discovery,state,iss', '--shard', shard, '--out', out)
    expect(result.code, result.stderr + result.stdout).toBe(0)
    ids.push(report(out).checks.map((check) => check.id))
  }
  expect(ids[0]!.length).toBeGreaterThan(0)
  expect(ids[1]!.length).toBeGreaterThan(0)
  expect(ids[0]!.filter((id) => ids[1]!.includes(id))).toEqual([])
})
