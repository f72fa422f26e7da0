import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

describe('logout against the mock IdP', { timeout: 60_000 }, () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' } })
  })
  afterAll(() => idp.close())

  it('passes every logout check against the default mock', async () => {
    const run = await runSuite({
      target: parseTargetFile(idp.targetFile()),
      checks: selectChecks(checks, ['logout']),
      gatherers,
    })
    const offending = run.results
      .filter((result) => ['failed', 'warning', 'error'].includes(result.outcome))
      .map((result) => `${result.id}: ${result.outcome} — ${result.message}`)
    expect(offending).toEqual([])
    expect(run.results.find((result) => result.id === 'logout.variants')?.outcome).toBe('passed')
    expect(run.results.find((result) => result.id === 'logout.happy')?.outcome).toBe('passed')
  })

  it('fails logout.happy when the target lists a post_logout_redirect_uri the mock did not register', async () => {
    const file = idp.targetFile()
    const clients = file.clients.map((client) => ({
      ...client,
      post_logout_redirect_uris: ['https://client.example.org/not-registered'],
    }))
    const run = await runSuite({
      target: parseTargetFile({ ...file, clients }),
      checks: selectChecks(checks, ['logout.happy']),
      gatherers,
    })
    expect(run.results.map((result) => [result.id, result.outcome])).toEqual([['logout.happy', 'failed']])
  })

  it('skips every logout scenario with the reason when the target lists no post_logout_redirect_uris', async () => {
    const file = idp.targetFile()
    const clients = file.clients.map((client) => ({ ...client, post_logout_redirect_uris: [] }))
    const run = await runSuite({
      target: parseTargetFile({ ...file, clients }),
      checks: selectChecks(checks, ['logout.happy', 'logout.bad-redirect']),
      gatherers,
    })
    expect(
      run.results.every(
        (result) => result.outcome === 'skipped' && result.message?.includes('post_logout_redirect_uris'),
      ),
    ).toBe(true)
  })
})
