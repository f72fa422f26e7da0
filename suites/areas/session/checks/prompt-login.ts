/** sess.prompt-login — OIDC Core §3.1.2.1: prompt=login re-authenticates; auth_time moves forward. */
import { defineCheck, fail, info, pass, warn } from '../../../harness/check.js'
import { authTime, describeOutcome, errorOf, exchangesOf, INTERACTION_ERRORS } from './judging.js'

export default defineCheck({
  id: 'sess.prompt-login',
  title: 'prompt=login shows the login page again, and the new auth_time is later',
  area: 'session',
  level: 'SHOULD',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  coveredBy: { oidf: 'oidcc-prompt-login (CheckSecondIdTokenAuthTimeIsLaterIfPresent)' },
  evaluate: ({ session }) => {
    const previous = session.maxAge0.after
    const { promptLogin } = session
    const exchanges = exchangesOf(promptLogin)
    const error = errorOf(promptLogin)
    // OIDC Core §3.1.2.1: "login — The Authorization Server SHOULD prompt the End-User for
    // reauthentication. If it cannot reauthenticate the End-User, it MUST return an error, typically
    // login_required."
    if (error && INTERACTION_ERRORS.includes(error)) {
      return info(`the server cannot re-authenticate and answered "${error}"`, { exchanges })
    }
    if (!promptLogin.attempt.result.sawLogin) {
      return fail('no login page was shown for prompt=login', { actual: describeOutcome(promptLogin), exchanges })
    }
    const [before, after] = [authTime(previous), authTime(promptLogin)]
    if (before === undefined || after === undefined)
      return pass('the login page was shown ("auth_time" not returned)', { exchanges })
    if (after < before)
      return fail('"auth_time" went backwards after prompt=login', {
        expected: `> ${before}`,
        actual: after,
        exchanges,
      })
    if (after === before) {
      return warn(
        `"auth_time" is unchanged ${(promptLogin.waitedMs / 1000).toFixed(1)} s after the previous login (its resolution may be too coarse)`,
        { expected: `> ${before}`, actual: after, exchanges },
      )
    }
    return pass(undefined, { exchanges })
  },
})
