import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

// The deviations (state re-encoded lossily, state reflected unescaped) are proven against a lax
// server in suites/checks/authorization/authorization.mock.test.ts.
it('passes every state check against the default mock IdP', async () => {
  const run = await runSuite({
    target: parseTargetFile(idp.targetFile()),
    checks: selectChecks(checks, ['state']),
    gatherers,
  })
  const bad = run.results.filter((result) => result.outcome !== 'passed')
  expect(bad, JSON.stringify(bad, null, 2)).toEqual([])
  expect(run.results).toHaveLength(6)
}, 60_000)
