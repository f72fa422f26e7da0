/**
 * The self-check inside `npm test`: the suite against the conformant mock passes, every
 * behaviour is caught by a check citing the rule it breaks, every MUST check is proven by a
 * behaviour or listed with the reason it can't be, and docs/coverage.md is the current matrix.
 * One run of the matrix (test/self-check/run-self-check.ts) serves every test below.
 */
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { BEHAVIOURS } from '../../mock-idp/behaviours/catalog.js'
import { checks, unprovable } from '../../suites/catalog.js'
import { COVERAGE_PATH, coverageDrift } from './coverage-doc.js'
import { selfCheckProblems } from './problems.js'
import { runSelfCheck, type SelfCheckResult } from './run-self-check.js'

let result: SelfCheckResult

beforeAll(async () => {
  result = await runSelfCheck()
})

it('passes every check against the conformant mock (or skips it with a reason)', () => {
  const notPassed = result.baseline
    .filter((check) => check.outcome !== 'passed' && check.outcome !== 'skipped')
    .map((check) => `${check.id} ${check.outcome}: ${check.message}`)
  expect(notPassed).toEqual([])
})

describe('each behaviour is caught by a check citing the rule it breaks', () => {
  it.for(BEHAVIOURS.map((behaviour) => behaviour.id))('%s', (id) => {
    const row = result.rows.find((candidate) => candidate.behaviour.id === id)
    expect(row, `no self-check row for ${id}`).toBeDefined()
    expect(row!.cited.length, `no check cites ${row!.behaviour.violates.join(' ')}`).toBeGreaterThan(0)
    expect(row!.caught, `${id} went unnoticed by ${row!.cited.join(', ')}`).toBe(true)
  })
})

it('proves every MUST check with a behaviour, or lists the reason it cannot be simulated', () => {
  expect(selfCheckProblems(result, { complete: true })).toEqual([])
  const known = new Set(checks.map((check) => check.id))
  expect(Object.keys(unprovable).filter((id) => !known.has(id))).toEqual([])
})

it('keeps docs/coverage.md current (npm run self-check -- --write)', () => {
  expect(coverageDrift(readFileSync(COVERAGE_PATH, 'utf8'), result)).toEqual([])
})
