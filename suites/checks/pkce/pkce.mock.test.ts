import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import type { CheckResult } from '../../harness/outcome.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile, type TargetFile } from '../../harness/target.js'

async function run(idp: MockIdp, policy: Partial<TargetFile['policy']> = {}): Promise<CheckResult[]> {
  const target = parseTargetFile(idp.targetFile())
  const { results } = await runSuite({
    target: { ...target, policy: { ...target.policy, ...policy } },
    checks: selectChecks(checks, ['pkce']),
    gatherers,
  })
  return results
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

describe('PKCE checks against the mock IdP', { timeout: 60_000 }, () => {
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
    expect(
      results.filter((result) => result.outcome === 'skipped'),
      show(results),
    ).toEqual([])
  })

  it('fails pkce.plain-policy when the server accepts plain although the policy forbids it', async () => {
    const lax = await createMockIdp({ log: { level: 'silent' }, pkce: { allowPlain: true } })
    try {
      const results = await run(lax, { pkce_plain: 'forbid' })
      expect(outcomeOf(results, 'pkce.plain-policy'), show(results)).toBe('failed')
      expect(outcomeOf(results, 'pkce.method-omitted'), show(results)).toBe('failed')
      // Told the truth about the policy, the same server passes.
      const honest = await run(lax)
      expect(offending(honest), show(offending(honest))).toEqual([])
    } finally {
      await lax.close()
    }
  })

  it('fails pkce.required-policy when confidential clients must use PKCE and the server does not require it', async () => {
    const results = await run(strict, { require_pkce_for_confidential: true })
    expect(outcomeOf(results, 'pkce.required-policy'), show(results)).toBe('failed')
  })

  it('passes pkce.required-policy for a server that requires PKCE of every client', async () => {
    const all = await createMockIdp({ log: { level: 'silent' }, pkce: { requireFor: 'all' } })
    try {
      const results = await run(all, { require_pkce_for_confidential: true })
      expect(offending(results), show(offending(results))).toEqual([])
    } finally {
      await all.close()
    }
  })
})
