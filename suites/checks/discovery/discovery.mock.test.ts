import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import type { CheckResult } from '../../harness/outcome.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

const offending = (results: CheckResult[]) =>
  results
    .filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
    .map((result) => `${result.id}: ${result.outcome} — ${result.message}`)

describe('discovery against the mock IdP', { timeout: 60_000 }, () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' } })
  })
  afterAll(() => idp.close())

  it('passes every discovery check against the default mock', async () => {
    const run = await runSuite({
      target: parseTargetFile(idp.targetFile()),
      checks: selectChecks(checks, ['discovery']),
      gatherers,
    })
    expect(offending(run.results)).toEqual([])
    expect(run.results.filter((result) => result.outcome === 'passed').length).toBeGreaterThanOrEqual(15)
  })

  it('flags advertised plain PKCE when the target policy forbids it', async () => {
    const lax = await createMockIdp({ log: { level: 'silent' }, pkce: { allowPlain: true } })
    try {
      const target = parseTargetFile({ ...lax.targetFile(), policy: { pkce_plain: 'forbid' } })
      const run = await runSuite({ target, checks: selectChecks(checks, ['disc.pkce-methods']), gatherers })
      expect(run.results.map((result) => [result.id, result.outcome])).toEqual([['disc.pkce-methods', 'warning']])
    } finally {
      await lax.close()
    }
  })
})
