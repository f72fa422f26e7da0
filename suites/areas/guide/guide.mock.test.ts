import { describe, expect, it } from 'vitest'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'
import { parseTargetFile } from '../../harness/target.js'

describe('the guide samples against the mock IdP', { timeout: 60_000 }, () => {
  const idp = useMockIdp()

  it('runs every sample as written and reports the JSON-labelled token request as refused', async () => {
    const run = await runChecks(idp(), ['guide'])
    expect(run.notPassed).toEqual([])
    expect(run.result('guide.token-sample')?.message).toContain('refused (HTTP 400')
  })

  it('reports the JSON-labelled token request as accepted, not failed, when the mock forgives the erratum', async () => {
    const run = await withMockIdp({ errata: { acceptJsonContentType: true } }, (lenient) =>
      runChecks(lenient, ['guide.token-sample']),
    )
    const [result] = run.results
    expect(result?.outcome).toBe('passed')
    expect(result?.informational).toBe(true)
    expect(result?.message).toContain('accepted (tokens issued)')
  })

  it('skips the samples with the reason when the first client lacks the guide scopes', async () => {
    const file = idp().targetFile()
    const target = parseTargetFile({
      ...file,
      clients: [{ ...file.clients[0]!, scope: 'openid profile' }, ...file.clients.slice(1)],
    })
    const run = await runChecks(target, ['guide'])
    expect(
      run.results.every((result) => result.outcome === 'skipped' && result.message?.includes('user_profile')),
    ).toBe(true)
    // Someone testing their own server learns these are the vendor guide's samples, safe to skip.
    expect(run.results[0]?.message).toMatch(
      /^only for servers that follow the vendor integration guide .*fine to skip otherwise/,
    )
  })
})
