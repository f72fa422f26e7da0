/**
 * The scaffolding every `*.mock.test.ts` shares: start a mock IdP (silent, with optional config),
 * run a selection of checks against its own target file, and say which results went wrong in a
 * form an assertion message can show.
 */
import { afterAll, beforeAll } from 'vitest'
import {
  type CreateMockIdpOptions,
  createMockIdp,
  type MockIdp,
  type MockIdpConfigInput,
} from '../../mock-idp/index.js'
import type { CheckResult, Outcome } from '../../reports/run-result.js'
import { parseTargetFile, type TargetFile } from '../../suites/harness/target.js'
import { runConformance } from '../../suites/run/run-conformance.js'

/**
 * Starts a mock IdP before the tests of the enclosing file or `describe` block and closes it after
 * them. The returned function gives the running mock; call it inside a test, not at collection time.
 */
export function useMockIdp(config: MockIdpConfigInput = {}, options?: CreateMockIdpOptions): () => MockIdp {
  let idp: MockIdp | undefined
  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' }, ...config }, options)
  })
  afterAll(async () => {
    await idp?.close()
  })
  return () => {
    if (!idp) throw new Error('the mock IdP is not running: call the function useMockIdp returned inside a test')
    return idp
  }
}

/** Starts a mock IdP for one test, hands it to `use`, and closes it whatever `use` does. */
export async function withMockIdp<T>(
  config: MockIdpConfigInput,
  use: (idp: MockIdp) => Promise<T>,
  options?: CreateMockIdpOptions,
): Promise<T> {
  const idp = await createMockIdp({ log: { level: 'silent' }, ...config }, options)
  try {
    return await use(idp)
  } finally {
    await idp.close()
  }
}

/**
 * The mock's target file with discovery off and only the authorization and token endpoints
 * declared: what a target without the optional endpoints looks like to the suite.
 */
export function withoutOptionalEndpoints(idp: MockIdp): TargetFile {
  return parseTargetFile({
    ...idp.targetFile(),
    discovery: false,
    endpoints: { authorization: `${idp.issuer}/oauth/authorize`, token: `${idp.issuer}/auth/token` },
  })
}

export interface ChecksRun {
  results: CheckResult[]
  /** The failed, warning and error results, one line each: `expect(run.offending).toEqual([])` shows what went wrong. */
  offending: string[]
  /** Every result that did not pass (skipped ones too), one line each. */
  notPassed: string[]
  /** The ids of the skipped results, in run order. */
  skipped: string[]
  /** Every result, one line each, for an assertion's message. */
  report: string
  /** The result of the check with this id. */
  result(id: string): CheckResult | undefined
  /** The outcome of the check with this id. */
  outcome(id: string): Outcome | undefined
}

const OFFENDING: readonly Outcome[] = ['failed', 'warning', 'error']

/** One result on one line: id, outcome, message, and the evidence when the verdict carried any. */
export function describeResult({ id, outcome, message, expected, actual }: CheckResult): string {
  const evidence =
    expected === undefined && actual === undefined
      ? ''
      : ` (expected: ${JSON.stringify(expected)}, actual: ${JSON.stringify(actual)})`
  return `${id}: ${outcome} — ${message ?? ''}${evidence}`
}

/**
 * Runs the checks `only` selects (areas or check ids, as `--only` takes them) against a mock IdP's
 * own target file, changed by `edit` if given, or against a target file built by the test: one
 * runConformance on the direct engine, as `codeflow run --engine direct` does. A run that fails as
 * a whole (unreachable target, login driver that cannot start) rejects with its run errors.
 */
export async function runChecks(
  against: MockIdp | TargetFile,
  only: string[],
  edit: (target: TargetFile) => TargetFile = (target) => target,
): Promise<ChecksRun> {
  const target = edit(isMockIdp(against) ? parseTargetFile(against.targetFile()) : against)
  const { runs, runErrors } = await runConformance({
    engine: 'direct',
    targets: [{ target, baseDir: process.cwd() }],
    only,
  })
  if (runErrors.length > 0) throw new Error(`the run failed: ${runErrors.join('; ')}`)
  const { results } = runs[0]!
  const result = (id: string) => results.find((candidate) => candidate.id === id)
  return {
    results,
    offending: results.filter((candidate) => OFFENDING.includes(candidate.outcome)).map(describeResult),
    notPassed: results.filter((candidate) => candidate.outcome !== 'passed').map(describeResult),
    skipped: results.filter((candidate) => candidate.outcome === 'skipped').map((candidate) => candidate.id),
    report: results.map(describeResult).join('\n'),
    result,
    outcome: (id) => result(id)?.outcome,
  }
}

function isMockIdp(against: MockIdp | TargetFile): against is MockIdp {
  return typeof (against as Partial<MockIdp>).targetFile === 'function'
}
