import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import type { CheckResult } from '../../harness/outcome.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

function offending(results: CheckResult[]): string {
  return JSON.stringify(
    results
      .filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
      .map(({ id, outcome, message, expected, actual }) => ({ id, outcome, message, expected, actual })),
    null,
    2,
  )
}

it('passes every applicable code check against the default mock IdP', async () => {
  const run = await runSuite({
    target: parseTargetFile(idp.targetFile()),
    checks: selectChecks(checks, ['code']),
    gatherers,
  })
  const bad = run.results.filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
  expect(bad, offending(run.results)).toEqual([])
  const outcome = (id: string) => run.results.find((result) => result.id === id)
  expect(outcome('code.single-use-immediate')?.outcome).toBe('passed')
  expect(outcome('code.reuse-revokes-access-token')?.outcome).toBe('passed')
  expect(outcome('code.reuse-revokes-refresh-token')?.outcome).toBe('passed')
  expect(outcome('code.failed-attempt-policy')).toMatchObject({ outcome: 'passed', informational: true })
  expect(outcome('code.failed-attempt-policy')?.message).toMatch(/burns the code/)
  expect(outcome('code.expiry')).toMatchObject({ outcome: 'skipped' })
  expect(outcome('code.expiry')?.message).toMatch(/slow_checks/)
}, 60_000)
