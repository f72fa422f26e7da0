import { describe, expect, it } from 'vitest'
import { runChecks, useMockIdp } from '../../../test/support/against-mock.js'
import { parseTargetFile } from '../../harness/target.js'

describe('iss against the mock IdP', { timeout: 60_000 }, () => {
  const idp = useMockIdp()

  it('passes every RFC 9207 check on the success and the error redirect', async () => {
    const run = await runChecks(idp(), ['iss'])
    expect(run.notPassed).toEqual([])
  })

  it('fails iss.value when the target expects another issuer (as a mix-up would look)', async () => {
    const target = parseTargetFile({
      ...idp().targetFile(),
      issuer: `${idp().issuer}/other`,
      discovery: `${idp().issuer}/.well-known/openid-configuration`,
    })
    const run = await runChecks(target, ['iss.value', 'iss.in-error'])
    expect(Object.fromEntries(run.results.map((result) => [result.id, result.outcome]))).toEqual({
      'iss.value': 'failed',
      'iss.in-error': 'failed',
    })
  })
})
