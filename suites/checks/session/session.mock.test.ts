/** The session checks against the mock IdP: every one passes against the defaults. */
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

it('passes every session check against the default mock IdP', async () => {
  const target = parseTargetFile(idp.targetFile())
  const { results } = await runSuite({ target, checks: selectChecks(checks, ['session']), gatherers })
  const bad = results.filter((result) => ['failed', 'warning', 'error', 'skipped'].includes(result.outcome))
  expect(
    bad,
    JSON.stringify(
      bad.map(({ id, outcome, message }) => ({ id, outcome, message })),
      null,
      2,
    ),
  ).toEqual([])
  expect(results).toHaveLength(12)
})
