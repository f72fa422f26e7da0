import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

describe('the guide samples against the mock IdP', { timeout: 60_000 }, () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' } })
  })
  afterAll(() => idp.close())

  it('runs every sample as written and reports the JSON-labelled token request as refused', async () => {
    const run = await runSuite({
      target: parseTargetFile(idp.targetFile()),
      checks: selectChecks(checks, ['guide']),
      gatherers,
    })
    const offending = run.results
      .filter((result) => result.outcome !== 'passed')
      .map((r) => `${r.id}: ${r.outcome} — ${r.message}`)
    expect(offending).toEqual([])
    expect(run.results.find((result) => result.id === 'guide.token-sample')?.message).toContain('refused (HTTP 400')
  })

  it('reports the JSON-labelled token request as accepted, not failed, when the mock forgives the erratum', async () => {
    const lenient = await createMockIdp({ log: { level: 'silent' }, errata: { acceptJsonContentType: true } })
    try {
      const run = await runSuite({
        target: parseTargetFile(lenient.targetFile()),
        checks: selectChecks(checks, ['guide.token-sample']),
        gatherers,
      })
      const [result] = run.results
      expect(result?.outcome).toBe('passed')
      expect(result?.informational).toBe(true)
      expect(result?.message).toContain('accepted (tokens issued)')
    } finally {
      await lenient.close()
    }
  })

  it('skips the samples with the reason when the first client lacks the guide scopes', async () => {
    const file = idp.targetFile()
    const target = parseTargetFile({
      ...file,
      clients: [{ ...file.clients[0]!, scope: 'openid profile' }, ...file.clients.slice(1)],
    })
    const run = await runSuite({ target, checks: selectChecks(checks, ['guide']), gatherers })
    expect(
      run.results.every((result) => result.outcome === 'skipped' && result.message?.includes('user_profile')),
    ).toBe(true)
  })
})
