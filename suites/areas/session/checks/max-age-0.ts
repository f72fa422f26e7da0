/** sess.max-age-0 — OIDC Core §3.1.2.1: max_age=0 forces a new login. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeOutcome, exchangesOf } from './judging.js'

export default defineCheck({
  id: 'sess.max-age-0',
  title: 'max_age=0 makes the user log in again',
  area: 'session',
  level: 'SHOULD',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  evaluate: ({ session }) => {
    const { after } = session.maxAge0
    const exchanges = exchangesOf(after)
    // OIDC Core §3.1.2.1: max_age — "If the elapsed time is greater than this value, the OP MUST
    // attempt to actively re-authenticate the End-User. (The max_age request parameter corresponds to
    // the OpenID 2.0 PAPE [OpenID.PAPE] max_auth_age request parameter.)" Any elapsed time is > 0.
    if (!after.attempt.result.sawLogin) {
      return fail('no login page was shown for max_age=0', { actual: describeOutcome(after), exchanges })
    }
    return pass(undefined, { exchanges })
  },
})
