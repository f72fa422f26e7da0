/**
 * One way to run the suite: `codeflow run`, the `*.mock.test.ts` glue (test/support/against-mock.ts)
 * and the self-check all go through suites/run/run-conformance.ts, and nothing else calls the
 * engine (`runSuite`) but runConformance's two engines. Each caller below really runs (direct
 * engine, against the embedded mock IdP) with runConformance spied on; the source scan keeps a
 * fourth way from growing back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import { codeflow, tempDir } from '../../src/cli/test-support/run-cli.js'
import type { ConformanceRunOptions } from '../../suites/run/run-conformance.js'
import { runSelfCheck } from '../self-check/run-self-check.js'
import { runChecks, withMockIdp } from '../support/against-mock.js'
import { importGraph, loadedWith } from '../support/import-graph.js'

const runConformance = vi.hoisted(() => vi.fn())

vi.mock('../../suites/run/run-conformance.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../suites/run/run-conformance.js')>()
  runConformance.mockImplementation(actual.runConformance)
  return { ...actual, runConformance }
})

afterEach(() => {
  runConformance.mockClear()
})

function calls(): ConformanceRunOptions[] {
  return runConformance.mock.calls.map(([options]) => options as ConformanceRunOptions)
}

it('runs `codeflow run` through runConformance with the engine and selection of its flags', {
  timeout: 120_000,
}, async () => {
  const result = await codeflow('run', '--engine', 'direct', '--only', 'state', '--out', join(tempDir(), 'run'))
  expect(result.code, result.stdout + result.stderr).toBe(0)
  expect(calls()).toHaveLength(1)
  expect(calls()[0]).toMatchObject({ engine: 'direct', only: ['state'] })
  expect(result.stdout).toMatch(/passed/)
})

it('runs the checks of a *.mock.test.ts through runConformance on the direct engine', {
  timeout: 120_000,
}, async () => {
  const run = await withMockIdp({}, (idp) => runChecks(idp, ['state']))
  expect(run.results.length).toBeGreaterThan(0)
  expect(run.results.every((result) => result.area === 'state')).toBe(true)
  expect(calls()).toEqual([expect.objectContaining({ engine: 'direct', only: ['state'] })])
})

it('runs the self-check, baseline and behaviour runs alike, through runConformance', { timeout: 240_000 }, async () => {
  const result = await runSelfCheck({ only: ['iss-wrong'] })
  expect(result.rows.map((row) => row.behaviour.id)).toEqual(['iss-wrong'])
  expect(result.rows[0]!.caught).toBe(true)
  // The baseline (every check), then the behaviour's run (only the checks citing the rule it breaks).
  expect(calls()).toHaveLength(2)
  expect(calls().every((options) => options.engine === 'direct')).toBe(true)
  expect(calls()[0]!.only).toBeUndefined()
  expect(calls()[1]!.only).toEqual(result.rows[0]!.cited)
})

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sources(path)
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : []
  })
}

it('leaves the engine to runConformance: only its engines call runSuite', () => {
  const callers = ['src', 'suites', 'client', 'test/support', 'test/self-check']
    .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    .flatMap(sources)
    .filter((file) => /\brunSuite\(/.test(readFileSync(file, 'utf8')))
  // define-area-suite.ts is the vitest engine's side inside the workers: one runSuite per area file.
  expect(callers.sort()).toEqual([
    'suites/harness/run-suite.ts',
    'suites/run/define-area-suite.ts',
    'suites/run/engines/direct.ts',
  ])
})

/** Whether a module imports the vitest package at run time (a type-only import is erased). */
function importsVitest(file: string): boolean {
  return /^import (?!type )[^;]*?from 'vitest(\/[a-z]+)?'/m.test(readFileSync(file, 'utf8'))
}

it('loads vitest only when the vitest engine is chosen, and imports the vitest CLI configuration file nowhere', async () => {
  const graph = await importGraph(['src', 'suites', 'core', 'reports'])
  // The file vitest's own CLI loads is not a library: nothing imports it.
  const importers = [...graph].filter(([, edges]) =>
    edges.some((edge) => edge.to === 'suites/vitest.conformance.config.ts'),
  )
  expect(importers.map(([module]) => module)).toEqual([])
  // Our own modules (the graph also names Node's built-ins, and stops at packages).
  const loaded = [...loadedWith(graph, 'suites/run/run-conformance.ts')].filter((module) => module.endsWith('.ts'))
  expect(loaded).toContain('suites/run/engines/direct.ts')
  expect(loaded.filter(importsVitest)).toEqual([])
  // The vitest engine is behind import(), and it is what brings vitest in.
  const edges = graph.get('suites/run/run-conformance.ts') ?? []
  expect(edges.find((edge) => edge.to === 'suites/run/engines/vitest.ts')?.dynamic).toBe(true)
  expect(importsVitest('suites/run/engines/vitest.ts')).toBe(true)
}, 120_000)
