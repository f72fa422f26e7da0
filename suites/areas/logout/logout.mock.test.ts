import { describe, expect, it } from 'vitest'
import { runChecks, useMockIdp } from '../../../test/support/against-mock.js'
import { parseTargetFile } from '../../harness/target.js'

describe('logout against the mock IdP', { timeout: 60_000 }, () => {
  const idp = useMockIdp()

  it('passes every logout check against the default mock', async () => {
    const run = await runChecks(idp(), ['logout'])
    expect(run.offending).toEqual([])
    expect(run.outcome('logout.variants')).toBe('passed')
    expect(run.outcome('logout.happy')).toBe('passed')
  })

  it('fails logout.happy when the target lists a post_logout_redirect_uri the mock did not register', async () => {
    const file = idp().targetFile()
    const clients = file.clients.map((client) => ({
      ...client,
      post_logout_redirect_uris: ['https://client.example.org/not-registered'],
    }))
    const run = await runChecks(parseTargetFile({ ...file, clients }), ['logout.happy'])
    expect(run.results.map((result) => [result.id, result.outcome])).toEqual([['logout.happy', 'failed']])
  })

  it('skips every logout scenario with the reason when the target lists no post_logout_redirect_uris', async () => {
    const file = idp().targetFile()
    const clients = file.clients.map((client) => ({ ...client, post_logout_redirect_uris: [] }))
    const run = await runChecks(parseTargetFile({ ...file, clients }), ['logout.happy', 'logout.bad-redirect'])
    expect(
      run.results.every(
        (result) => result.outcome === 'skipped' && result.message?.includes('post_logout_redirect_uris'),
      ),
    ).toBe(true)
  })
})
