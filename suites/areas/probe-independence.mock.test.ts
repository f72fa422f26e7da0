/**
 * Deterministic probes (docs/verdict-rules.md): a check's verdict does not depend on which other
 * checks ran, and a negative probe meets the state most favourable to the defect it looks for —
 * never a token, refresh token or session another probe already spent. Proved against the mock
 * with deviations switched on that change state (a revocation that should have been refused, a
 * refresh that should have been refused, …): the same outcome for every check whether its area
 * runs alone or with all the others, and each deviation caught by exactly the checks that judge
 * it, never blamed on a probe that ran after it.
 */
import { expect, it } from 'vitest'
import { BEHAVIOUR_HEADER } from '../../mock-idp/behaviours/request-behaviours.js'
import type { Outcome } from '../../reports/run-result.js'
import { withMockIdp } from '../../test/support/against-mock.js'
import { checks, gatherers, selectChecks } from '../catalog.js'
import { AREAS, type Area } from '../harness/check.js'
import { runSuite } from '../harness/run-suite.js'
import { parseTargetFile, type TargetFile } from '../harness/target.js'

/** Deviations whose effect outlives the request that triggered it: the ones shared state would spread. */
const STATEFUL = [
  'revocation-other-clients-token',
  'revocation-without-client-authentication',
  'refresh-without-client-authentication',
  'refresh-token-not-bound-to-client',
  'refresh-rotated-token-still-valid',
  'code-reuse-keeps-tokens',
  'userinfo-query-token-accepted',
  'token-accepted-as-code',
  'id-token-hint-other-user-ignored',
  'logout-without-hint-trusted',
  'introspection-without-client-authentication',
]

async function outcomes(target: TargetFile, only: string[]): Promise<Map<string, Outcome>> {
  const { results } = await runSuite({ target, checks: selectChecks(checks, only), gatherers })
  return new Map(results.map((result) => [result.id, result.outcome]))
}

it('gives every check the same outcome whether its area runs alone or with all the others', {
  timeout: 240_000,
}, async () => {
  await withMockIdp({ seed: 'probe-independence', behaviours: STATEFUL }, async (idp) => {
    const target = parseTargetFile(idp.targetFile())
    const together = await outcomes(target, [])
    const areas = Object.keys(AREAS) as Area[]
    const alone = new Map<string, Outcome>()
    // Side by side, as a real run's gatherers go: the runs share the server, never a token or a session.
    for (const areaOutcomes of await Promise.all(areas.map((area) => outcomes(target, [area])))) {
      for (const [id, outcome] of areaOutcomes) alone.set(id, outcome)
    }
    const differing = [...together]
      .filter(([id, outcome]) => alone.get(id) !== outcome)
      .map(([id, outcome]) => `${id}: ${outcome} with all areas, ${alone.get(id)} alone`)
    expect(differing).toEqual([])
    // The deviations are on: the comparison judged failures, not only passes.
    expect([...together.values()].filter((outcome) => outcome === 'failed').length).toBeGreaterThan(5)
  })
})

/** Each stateful deviation, and the only checks of its area that may notice it. */
const CAUGHT_BY: Record<string, Record<string, Outcome>> = {
  'revocation-other-clients-token': { 'rev.other-clients-token': 'failed' },
  // Revoking whatever is presented also revokes what another client presents.
  'revocation-without-client-authentication': {
    'rev.client-auth-required': 'failed',
    'rev.other-clients-token': 'failed',
  },
  'refresh-without-client-authentication': { 'rt.client-auth-required': 'failed' },
  'refresh-token-not-bound-to-client': { 'rt.bound-to-client': 'failed' },
  'refresh-rotated-token-still-valid': {
    'rt.old-rt-rejected': 'failed',
    'rt.reuse-revokes-family': 'warning',
    'rt.concurrent-refresh': 'warning',
  },
  'userinfo-query-token-accepted': { 'ui.query-token': 'warning' },
  'introspection-without-client-authentication': { 'intr.auth-required': 'failed' },
  'token-accepted-as-code': { 'code.type-confusion': 'failed' },
  'id-token-hint-other-user-ignored': { 'sess.id-token-hint-mismatch': 'warning' },
  'logout-without-hint-trusted': { 'logout.no-hint-with-redirect': 'failed', 'logout.variants': 'failed' },
}
const AREA_OF: Record<string, string> = {
  'revocation-other-clients-token': 'revocation',
  'revocation-without-client-authentication': 'revocation',
  'refresh-without-client-authentication': 'refresh',
  'refresh-token-not-bound-to-client': 'refresh',
  'refresh-rotated-token-still-valid': 'refresh',
  'userinfo-query-token-accepted': 'userinfo',
  'introspection-without-client-authentication': 'introspection',
  'token-accepted-as-code': 'code',
  'id-token-hint-other-user-ignored': 'session',
  'logout-without-hint-trusted': 'logout',
}

it('blames each stateful deviation on the checks that judge it, never on a probe made after it', {
  timeout: 120_000,
}, async () => {
  await withMockIdp({ seed: 'probe-independence' }, async (idp) => {
    const runs = await Promise.all(
      Object.keys(CAUGHT_BY).map(async (behaviour) => {
        const target = parseTargetFile({ ...idp.targetFile(), headers: { [BEHAVIOUR_HEADER]: behaviour } })
        const noticed = [...(await outcomes(target, [AREA_OF[behaviour]!]))].filter(
          ([, outcome]) => outcome !== 'passed' && outcome !== 'skipped',
        )
        return [behaviour, Object.fromEntries(noticed)] as const
      }),
    )
    expect(Object.fromEntries(runs)).toEqual(CAUGHT_BY)
  })
})
