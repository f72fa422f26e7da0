/** The introspection checks against the mock IdP: every one passes against the defaults. */
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

it('passes every introspection check against the default mock IdP', async () => {
  const target = parseTargetFile(idp.targetFile())
  const { results } = await runSuite({ target, checks: selectChecks(checks, ['introspection']), gatherers })
  const bad = results.filter((result) => ['failed', 'warning', 'error', 'skipped'].includes(result.outcome))
  expect(
    bad,
    JSON.stringify(
      bad.map(({ id, outcome, message }) => ({ id, outcome, message })),
      null,
      2,
    ),
  ).toEqual([])
  expect(results).toHaveLength(7)
})

it('skips every introspection check when the target declares no introspection endpoint and discovery is off', async () => {
  const target = parseTargetFile({
    ...idp.targetFile(),
    discovery: false,
    endpoints: { authorization: `${idp.issuer}/oauth/authorize`, token: `${idp.issuer}/auth/token` },
  })
  const { results } = await runSuite({ target, checks: selectChecks(checks, ['introspection']), gatherers })
  expect(results.map((result) => result.outcome)).toEqual(Array(7).fill('skipped'))
  expect(results[0]?.message).toMatch(/introspection_endpoint/)
})
