/** The introspection checks against the mock IdP: every one passes against the defaults. */
import { expect, it } from 'vitest'
import { runChecks, useMockIdp, withoutOptionalEndpoints } from '../../../test/support/against-mock.js'

const idp = useMockIdp()

it('passes every introspection check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['introspection'])
  expect(run.notPassed).toEqual([])
  expect(run.results).toHaveLength(7)
})

it('skips every introspection check when the target declares no introspection endpoint and discovery is off', async () => {
  const run = await runChecks(withoutOptionalEndpoints(idp()), ['introspection'])
  expect(run.results.map((result) => result.outcome)).toEqual(Array(7).fill('skipped'))
  expect(run.results[0]?.message).toMatch(/introspection_endpoint/)
})
