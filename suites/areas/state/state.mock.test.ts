import { expect, it } from 'vitest'
import { runChecks, useMockIdp } from '../../../test/support/against-mock.js'

const idp = useMockIdp()

// The deviations (state re-encoded lossily, state reflected unescaped) are proven against a lax
// server in suites/areas/authorization/authorization.mock.test.ts.
it('passes every state check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['state'])
  expect(run.notPassed).toEqual([])
  expect(run.results).toHaveLength(6)
}, 60_000)
