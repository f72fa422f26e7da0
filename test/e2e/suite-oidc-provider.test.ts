/**
 * The whole conformance suite against oidc-provider (v9) configured as a strict, conformant OP
 * (test/support/oidc-provider-op.ts): no check fails. A failure here is either a gap in the OP's
 * configuration or a false positive in a check; both get fixed, neither gets waived.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningOidcProvider, startOidcProvider } from '../support/oidc-provider-op.js'
import { describeResults, runWholeSuite, withOutcome } from './suite-support.js'

let op: RunningOidcProvider

beforeAll(async () => {
  op = await startOidcProvider()
})

afterAll(async () => {
  await op?.close()
})

it('finds no failed check against oidc-provider configured as a strict OP', { timeout: 180_000 }, async () => {
  const run = await runWholeSuite(op.target)
  expect(withOutcome(run, 'passed').length).toBeGreaterThan(40)
  const failed = withOutcome(run, 'failed')
  expect(describeResults(failed)).toEqual([])
  // "Could not drive the target" would hide checks from the verdict above: none may occur.
  expect(describeResults(withOutcome(run, 'error'))).toEqual([])
})
