/** sess.max-age-large — OIDC Core §3.1.2.1, §2: a large max_age needs no login and keeps auth_time. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { authTime, describeOutcome, exchangesOf, NO_SSO } from './judging.js'

export default defineCheck({
  id: 'sess.max-age-large',
  title: 'max_age=10000 after a login with max_age=15000: no new login, identical auth_time',
  area: 'session',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'OIDCC-2'],
  needs: ['session'],
  coveredBy: { oidf: 'oidcc-max-age-10000' },
  evaluate: ({ session }) => {
    if (!session.ssoSession) return skip(NO_SSO)
    const { first, maxAgeLarge } = session
    const exchanges = [...exchangesOf(first), ...exchangesOf(maxAgeLarge)]
    if (!maxAgeLarge.code) {
      return fail('max_age=10000 shortly after a login did not issue a code', {
        actual: describeOutcome(maxAgeLarge),
        exchanges,
      })
    }
    // OIDC Core §3.1.2.1: "If the elapsed time is greater than this value, the OP MUST attempt to
    // actively re-authenticate" — it is not, so there is nothing to re-authenticate.
    if (maxAgeLarge.attempt.result.sawLogin) {
      return fail('a login page was shown although the last login is well within max_age=10000', { exchanges })
    }
    // OIDC Core §2 auth_time: "When a max_age request is made … then this Claim is REQUIRED".
    const [t1, t2] = [authTime(first), authTime(maxAgeLarge)]
    if (t1 === undefined || t2 === undefined) {
      return fail('"auth_time" is missing from an ID token requested with max_age', {
        expected: 'auth_time in both ID tokens',
        actual: { first: t1, second: t2 },
        exchanges,
      })
    }
    if (t1 !== t2)
      return fail('"auth_time" changed although no login happened', { expected: t1, actual: t2, exchanges })
    return pass(undefined, { exchanges })
  },
})
