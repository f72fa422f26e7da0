import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp, OffsetClock } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import type { CheckResult } from '../../harness/outcome.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

async function run(idp: MockIdp): Promise<CheckResult[]> {
  const { results } = await runSuite({
    target: parseTargetFile(idp.targetFile()),
    checks: selectChecks(checks, ['id-token']),
    gatherers,
  })
  return results
}

async function withMock<T>(
  config: Parameters<typeof createMockIdp>[0],
  options: Parameters<typeof createMockIdp>[1],
  use: (idp: MockIdp) => Promise<T>,
): Promise<T> {
  const idp = await createMockIdp({ log: { level: 'silent' }, ...config }, options)
  try {
    return await use(idp)
  } finally {
    await idp.close()
  }
}

const offending = (results: CheckResult[]) =>
  results.filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
const outcomeOf = (results: CheckResult[], id: string) => results.find((result) => result.id === id)?.outcome
const show = (results: CheckResult[]) =>
  JSON.stringify(
    results.map(({ id, outcome, message }) => ({ id, outcome, message })),
    null,
    2,
  )

describe('ID token checks against the mock IdP', { timeout: 60_000 }, () => {
  let strict: MockIdp
  beforeAll(async () => {
    strict = await createMockIdp({ log: { level: 'silent' } })
  })
  afterAll(async () => {
    await strict?.close()
  })

  it('finds nothing failed, warning or error against the default mock IdP', async () => {
    const results = await run(strict)
    expect(offending(results), show(offending(results))).toEqual([])
    // Only the HMAC check does not apply to an RS256 provider.
    expect(
      results.filter((result) => result.outcome === 'skipped').map((result) => result.id),
      show(results),
    ).toEqual(['idt.hmac'])
  })

  it('fails idt.exp-iat and idt.auth-time when the server clock runs an hour ahead', async () => {
    const clock = new OffsetClock()
    clock.advance(3_600_000)
    const results = await withMock({}, { clock }, run)
    expect(outcomeOf(results, 'idt.exp-iat'), show(results)).toBe('failed')
    expect(outcomeOf(results, 'idt.auth-time'), show(results)).toBe('failed')
  })

  it('fails idt.exp-iat when the ID token has expired by the time it arrives', async () => {
    const clock = new OffsetClock()
    clock.advance(-3_610_000)
    const results = await withMock({}, { clock }, run)
    expect(outcomeOf(results, 'idt.exp-iat'), show(results)).toBe('failed')
  })

  it('warns in idt.exp-iat when iat is ten minutes old', async () => {
    const clock = new OffsetClock()
    clock.advance(-600_000)
    const results = await withMock({}, { clock }, run)
    expect(outcomeOf(results, 'idt.exp-iat'), show(results)).toBe('warning')
  })

  it('warns in idt.alg-default-and-advertised for ES256 ID tokens and accepts the EC key', async () => {
    const results = await withMock({ keys: { algorithms: ['ES256', 'RS256'] } }, {}, run)
    expect(outcomeOf(results, 'idt.alg-default-and-advertised'), show(results)).toBe('warning')
    expect(outcomeOf(results, 'idt.kid'), show(results)).toBe('passed')
    expect(outcomeOf(results, 'idt.signing-key-strength'), show(results)).toBe('passed')
    expect(outcomeOf(results, 'idt.jws-verifiable'), show(results)).toBe('passed')
  })
})
