/** The session checks against the mock IdP: every one passes against the defaults. */
import { expect, it } from 'vitest'
import { runChecks, useMockIdp } from '../../../test/support/against-mock.js'

const idp = useMockIdp()

it('passes every session check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['session'])
  expect(run.notPassed).toEqual([])
  expect(run.results).toHaveLength(12)
})
