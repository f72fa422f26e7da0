import { describe, expect, it } from 'vitest'
import { runChecks, useMockIdp, withMockIdp } from '../../../test/support/against-mock.js'

describe('UserInfo checks against the mock IdP', { timeout: 60_000 }, () => {
  const strict = useMockIdp()

  it('finds nothing failed, warning or error against the default mock IdP', async () => {
    const { offending, skipped, report } = await runChecks(strict(), ['userinfo'])
    expect(offending).toEqual([])
    // Opaque access tokens: nothing to re-sign with alg none.
    expect(skipped, report).toEqual(['ui.jwt-at-alg-none'])
  })

  it('refuses a JWT access token re-signed with alg none', async () => {
    const { outcome, offending, report } = await withMockIdp({ tokens: { accessTokenFormat: 'jwt' } }, (jwt) =>
      runChecks(jwt, ['userinfo']),
    )
    expect(outcome('ui.jwt-at-alg-none'), report).toBe('passed')
    expect(offending).toEqual([])
  })

  it('warns in ui.scope-claims when UserInfo returns a value other than the target file expects', async () => {
    const { outcome, report } = await runChecks(strict(), ['userinfo'], (target) => ({
      ...target,
      users: target.users.map((user, index) =>
        index === 0 ? { ...user, claims: { ...user.claims, email: 'someone-else@example.com' } } : user,
      ),
    }))
    expect(outcome('ui.scope-claims'), report).toBe('warning')
  })
})
