import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import type { CheckResult } from '../../harness/outcome.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile, type TargetFile } from '../../harness/target.js'

async function run(
  idp: MockIdp,
  edit: (target: TargetFile) => TargetFile = (target) => target,
): Promise<CheckResult[]> {
  const { results } = await runSuite({
    target: edit(parseTargetFile(idp.targetFile())),
    checks: selectChecks(checks, ['userinfo']),
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

describe('UserInfo checks against the mock IdP', { timeout: 60_000 }, () => {
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
    // Opaque access tokens: nothing to re-sign with alg none.
    expect(
      results.filter((result) => result.outcome === 'skipped').map((result) => result.id),
      show(results),
    ).toEqual(['ui.jwt-at-alg-none'])
  })

  it('refuses a JWT access token re-signed with alg none', async () => {
    const jwt = await createMockIdp({ log: { level: 'silent' }, tokens: { accessTokenFormat: 'jwt' } })
    try {
      const results = await run(jwt)
      expect(outcomeOf(results, 'ui.jwt-at-alg-none'), show(results)).toBe('passed')
      expect(offending(results), show(offending(results))).toEqual([])
    } finally {
      await jwt.close()
    }
  })

  it('warns in ui.scope-claims when UserInfo returns a value other than the target file expects', async () => {
    const results = await run(strict, (target) => ({
      ...target,
      users: target.users.map((user, index) =>
        index === 0 ? { ...user, claims: { ...user.claims, email: 'someone-else@example.com' } } : user,
      ),
    }))
    expect(outcomeOf(results, 'ui.scope-claims'), show(results)).toBe('warning')
  })
})
