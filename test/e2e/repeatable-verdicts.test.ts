/**
 * The suite's verdicts do not depend on the run: three whole runs (direct engine, default
 * concurrency, so flows race each other as they do for a user) against a mock IdP with the same
 * deliberate deviations give the same outcome for every check — the deviations caught each time,
 * no check flipping between runs, no `error`.
 */
import { expect, it } from 'vitest'
import type { MockIdpConfigInput } from '../../mock-idp/index.js'
import { runAgainstMock, type Verdicts, verdictChanges, verdictsOf } from './page-variants.js'
import { describeResults, withOutcome } from './suite-support.js'

/** One deviation per area, switched on for every request (mock-idp/behaviours/catalog/). */
const BEHAVIOURS: MockIdpConfigInput = {
  behaviours: [
    'state-dropped-on-error', // authorization error redirects
    'code-reuse-accepted', // codes
    'pkce-verifier-not-checked', // PKCE
    'id-token-nonce-omitted', // ID token
    'prompt-none-ignores-session', // sessions and prompt
    'refresh-token-not-rotated', // refresh
    'userinfo-sub-omitted', // UserInfo
  ],
}

/** A check each deviation must fail, so that the runs compared are runs that caught them. */
const CAUGHT = [
  'state.echoed-on-error',
  'code.single-use-immediate',
  'pkce.wrong-verifier',
  'idt.nonce',
  'sess.prompt-none-session',
  'rt.rotation-or-binding',
  'ui.sub-match',
]

it('gives every check the same verdict in three runs against the same deviations', { timeout: 300_000 }, async () => {
  const runs: Verdicts[] = []
  for (let index = 0; index < 3; index++) {
    const { run } = await runAgainstMock(BEHAVIOURS, 'printed')
    expect(describeResults(withOutcome(run, 'error'))).toEqual([])
    expect(withOutcome(run, 'failed').map((result) => result.id)).toEqual(expect.arrayContaining(CAUGHT))
    runs.push(verdictsOf(run))
  }
  expect(Object.keys(runs[0]!).length).toBeGreaterThan(100)
  expect(verdictChanges(runs[0]!, runs[1]!)).toEqual([])
  expect(verdictChanges(runs[0]!, runs[2]!)).toEqual([])
})
