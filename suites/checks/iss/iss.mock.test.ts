import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../../mock-idp/index.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import { runSuite } from '../../harness/run-suite.js'
import { parseTargetFile } from '../../harness/target.js'

describe('iss against the mock IdP', { timeout: 60_000 }, () => {
  let idp: MockIdp
  beforeAll(async () => {
    idp = await createMockIdp({ log: { level: 'silent' } })
  })
  afterAll(() => idp.close())

  it('passes every RFC 9207 check on the success and the error redirect', async () => {
    const run = await runSuite({
      target: parseTargetFile(idp.targetFile()),
      checks: selectChecks(checks, ['iss']),
      gatherers,
    })
    const offending = run.results
      .filter((result) => result.outcome !== 'passed')
      .map((r) => `${r.id}: ${r.outcome} — ${r.message}`)
    expect(offending).toEqual([])
  })

  it('fails iss.value when the target expects another issuer (as a mix-up would look)', async () => {
    const target = parseTargetFile({
      ...idp.targetFile(),
      issuer: `${idp.issuer}/other`,
      discovery: `${idp.issuer}/.well-known/openid-configuration`,
    })
    const run = await runSuite({ target, checks: selectChecks(checks, ['iss.value', 'iss.in-error']), gatherers })
    expect(Object.fromEntries(run.results.map((result) => [result.id, result.outcome]))).toEqual({
      'iss.value': 'failed',
      'iss.in-error': 'failed',
    })
  })
})
