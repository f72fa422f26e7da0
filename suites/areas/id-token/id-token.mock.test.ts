import { describe, expect, it } from 'vitest'
import { type MockIdp, OffsetClock } from '../../../mock-idp/index.js'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'

const run = (idp: MockIdp) => runChecks(idp, ['id-token'])

/** The id-token checks against a mock whose clock is `offsetMs` off the real one. */
function runWithClockOffset(offsetMs: number) {
  const clock = new OffsetClock()
  clock.advance(offsetMs)
  return withMockIdp({}, run, { clock })
}

describe('ID token checks against the mock IdP', { timeout: 60_000 }, () => {
  const strict = useMockIdp()

  it('finds nothing failed, warning or error against the default mock IdP', async () => {
    const { offending, skipped, report } = await run(strict())
    expect(offending).toEqual([])
    // Only the HMAC check does not apply to an RS256 provider.
    expect(skipped, report).toEqual(['idt.hmac'])
  })

  it('fails idt.exp-iat and idt.auth-time when the server clock runs an hour ahead', async () => {
    const { outcome, report } = await runWithClockOffset(3_600_000)
    expect(outcome('idt.exp-iat'), report).toBe('failed')
    expect(outcome('idt.auth-time'), report).toBe('failed')
  })

  it('fails idt.exp-iat when the ID token has expired by the time it arrives', async () => {
    const { outcome, report } = await runWithClockOffset(-3_610_000)
    expect(outcome('idt.exp-iat'), report).toBe('failed')
  })

  it('warns in idt.exp-iat when iat is ten minutes old', async () => {
    const { outcome, report } = await runWithClockOffset(-600_000)
    expect(outcome('idt.exp-iat'), report).toBe('warning')
  })

  it('warns in idt.alg-default-and-advertised for ES256 ID tokens and accepts the EC key', async () => {
    const { outcome, report } = await withMockIdp({ keys: { algorithms: ['ES256', 'RS256'] } }, run)
    expect(outcome('idt.alg-default-and-advertised'), report).toBe('warning')
    expect(outcome('idt.kid'), report).toBe('passed')
    expect(outcome('idt.signing-key-strength'), report).toBe('passed')
    expect(outcome('idt.jws-verifiable'), report).toBe('passed')
  })
})
