import { expect, it } from 'vitest'
import { runChecks, useMockIdp } from '../../../test/support/against-mock.js'

const idp = useMockIdp()

it('passes every applicable code check against the default mock IdP', async () => {
  const run = await runChecks(idp(), ['code'])
  expect(run.offending).toEqual([])
  expect(run.outcome('code.single-use-immediate')).toBe('passed')
  expect(run.outcome('code.reuse-revokes-access-token')).toBe('passed')
  expect(run.outcome('code.reuse-revokes-refresh-token')).toBe('passed')
  expect(run.result('code.failed-attempt-policy')).toMatchObject({ outcome: 'passed', informational: true })
  expect(run.result('code.failed-attempt-policy')?.message).toMatch(/burns the code/)
  expect(run.result('code.expiry')).toMatchObject({ outcome: 'skipped' })
  expect(run.result('code.expiry')?.message).toMatch(/slow_checks/)
}, 60_000)
