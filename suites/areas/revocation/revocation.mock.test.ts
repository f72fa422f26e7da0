/** The revocation checks against the mock IdP: every one passes against the defaults. */
import { expect, it } from 'vitest'
import { runChecks, useMockIdp, withoutOptionalEndpoints } from '../../../test/support/against-mock.js'

const idp = useMockIdp()

it('passes every revocation check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['revocation'])
  expect(run.notPassed).toEqual([])
  expect(run.results).toHaveLength(11)
})

it('skips every revocation check when the target declares no revocation endpoint and discovery is off', async () => {
  const run = await runChecks(withoutOptionalEndpoints(idp()), ['revocation'])
  expect(run.results.map((result) => result.outcome)).toEqual(Array(11).fill('skipped'))
  expect(run.results[0]?.message).toMatch(/revocation_endpoint/)
})
