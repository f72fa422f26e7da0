/** The refresh checks against the mock IdP: all pass by default, and deviations are caught. */
import { expect, it } from 'vitest'
import { runChecks, useMockIdp } from '../../../test/support/against-mock.js'

const idp = useMockIdp()
const noRotation = useMockIdp({ tokens: { rotateRefreshTokens: false } })

it('passes every refresh check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['refresh'])
  expect(run.offending).toEqual([])
  expect(run.skipped).toEqual([])
})

it("fails rt.rotation-or-binding when the mock keeps a public client's refresh token", async () => {
  const run = await runChecks(noRotation(), ['refresh'])
  expect(run.outcome('rt.rotation-or-binding')).toBe('failed')
  expect(run.outcome('rt.old-rt-rejected')).toBe('skipped')
  expect(run.outcome('rt.refresh-works')).toBe('passed')
})
