/** The refresh checks against the mock IdP: all pass by default, and deviations are caught. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

let idp: MockIdp
let noRotation: MockIdp

beforeAll(async () => {
  ;[idp, noRotation] = await Promise.all([
    createMockIdp({ log: { level: 'silent' } }),
    createMockIdp({ log: { level: 'silent' }, tokens: { rotateRefreshTokens: false } }),
  ])
})
afterAll(async () => {
  await Promise.all([idp?.close(), noRotation?.close()])
})

async function run(server: MockIdp) {
  const target = parseTargetFile(server.targetFile())
  return (await runSuite({ target, checks: selectChecks(checks, ['refresh']), gatherers })).results
}

it('passes every refresh check against the default mock IdP', async () => {
  const results = await run(idp)
  const bad = results.filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
  expect(
    bad,
    JSON.stringify(
      bad.map(({ id, outcome, message }) => ({ id, outcome, message })),
      null,
      2,
    ),
  ).toEqual([])
  expect(results.filter((result) => result.outcome === 'skipped').map((result) => result.id)).toEqual([])
})

it("fails rt.rotation-or-binding when the mock keeps a public client's refresh token", async () => {
  const results = await run(noRotation)
  const outcome = Object.fromEntries(results.map((result) => [result.id, result.outcome]))
  expect(outcome['rt.rotation-or-binding']).toBe('failed')
  expect(outcome['rt.old-rt-rejected']).toBe('skipped')
  expect(outcome['rt.refresh-works']).toBe('passed')
})
