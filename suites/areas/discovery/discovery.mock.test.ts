import { describe, expect, it } from 'vitest'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'
import { parseTargetFile } from '../../harness/target.js'

describe('discovery against the mock IdP', { timeout: 60_000 }, () => {
  const idp = useMockIdp()

  it('passes every discovery check against the default mock', async () => {
    const run = await runChecks(idp(), ['discovery'])
    expect(run.offending).toEqual([])
    expect(run.results.filter((result) => result.outcome === 'passed').length).toBeGreaterThanOrEqual(15)
  })

  it('flags advertised plain PKCE when the target policy forbids it', async () => {
    const run = await withMockIdp({ pkce: { allowPlain: true } }, (lax) =>
      runChecks(parseTargetFile({ ...lax.targetFile(), policy: { pkce_plain: 'forbid' } }), ['disc.pkce-methods']),
    )
    expect(run.results.map((result) => [result.id, result.outcome])).toEqual([['disc.pkce-methods', 'warning']])
  })
})
