import { describe, expect, it } from 'vitest'
import type { MockIdp } from '../../../mock-idp/index.js'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'
import type { TargetFile } from '../../harness/target.js'

/** The pkce checks against `idp`, with the target file's policy changed by `policy`. */
const run = (idp: MockIdp, policy: Partial<TargetFile['policy']> = {}) =>
  runChecks(idp, ['pkce'], (target) => ({ ...target, policy: { ...target.policy, ...policy } }))

describe('PKCE checks against the mock IdP', { timeout: 60_000 }, () => {
  const strict = useMockIdp()

  it('finds nothing failed, warning or error against the default mock IdP', async () => {
    const { offending, skipped, report } = await run(strict())
    expect(offending).toEqual([])
    expect(skipped, report).toEqual([])
  })

  it('fails pkce.plain-policy when the server accepts plain although the policy forbids it', async () => {
    await withMockIdp({ pkce: { allowPlain: true } }, async (lax) => {
      const { outcome, report } = await run(lax, { pkce_plain: 'forbid' })
      expect(outcome('pkce.plain-policy'), report).toBe('failed')
      expect(outcome('pkce.method-omitted'), report).toBe('failed')
      // Told the truth about the policy, the same server passes.
      const honest = await run(lax)
      expect(honest.offending).toEqual([])
    })
  })

  it('fails pkce.required-policy when confidential clients must use PKCE and the server does not require it', async () => {
    const { outcome, report } = await run(strict(), { require_pkce_for_confidential: true })
    expect(outcome('pkce.required-policy'), report).toBe('failed')
  })

  it('fails pkce.s256 (rather than erring on the happy flow) when the server computes S256 wrongly', async () => {
    const { outcome, report } = await withMockIdp({ behaviours: ['pkce-s256-hex'] }, (wrong) =>
      runChecks(wrong, ['pkce.s256']),
    )
    expect(outcome('pkce.s256'), report).toBe('failed')
  })

  it('passes pkce.required-policy for a server that requires PKCE of every client', async () => {
    const { offending } = await withMockIdp({ pkce: { requireFor: 'all' } }, (all) =>
      run(all, { require_pkce_for_confidential: true }),
    )
    expect(offending).toEqual([])
  })
})
