/** sess.max-age-1 — OIDC Core §3.1.2.1: an elapsed max_age forces a new login, and a later auth_time. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { authTime, describeOutcome, exchangesOf } from './judging.js'

export default defineCheck({
  id: 'sess.max-age-1',
  title: 'max_age=1, two seconds after a login: the user logs in again and auth_time is later',
  area: 'session',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'OIDCC-2'],
  needs: ['session'],
  coveredBy: {
    oidf: 'oidcc-max-age-1 (CheckIdTokenAuthTimeClaimPresentDueToMaxAge, CheckIdTokenAuthTimeIsRecentIfPresent, CheckSecondIdTokenAuthTimeIsLaterIfPresent)',
  },
  evaluate: ({ session }) => {
    const { first, maxAge1 } = session
    const exchanges = exchangesOf(maxAge1)
    // OIDC Core §3.1.2.1: "If the elapsed time is greater than this value, the OP MUST attempt to
    // actively re-authenticate the End-User."
    if (!maxAge1.attempt.result.sawLogin) {
      return fail(
        `no login page was shown for max_age=1, ${(maxAge1.waitedMs / 1000).toFixed(1)} s after the last login`,
        {
          actual: describeOutcome(maxAge1),
          exchanges,
        },
      )
    }
    if (!maxAge1.code)
      return fail('the new login did not end with a code', { actual: describeOutcome(maxAge1), exchanges })
    const [before, after] = [authTime(first), authTime(maxAge1)]
    // OIDC Core §2 auth_time: "When a max_age request is made … then this Claim is REQUIRED".
    if (after === undefined)
      return fail('"auth_time" is missing from an ID token requested with max_age', { exchanges })
    if (before !== undefined && after <= before) {
      return fail('"auth_time" is not later than the previous login', {
        expected: `> ${before}`,
        actual: after,
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
