/** sess.prompt-none-no-session — OIDC Core §3.1.2.1, §3.1.2.6: prompt=none without a session is an error redirect. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { describeOutcome, exchangesOf, INTERACTION_ERRORS, INTERACTION_SENTENCE } from './judging.js'

// OIDC Core §3.1.2.6 names four codes for a request that cannot proceed without a user interface;
// any of them will do (OIDF CheckErrorFromAuthorizationEndpointIsOneThatRequiredAUserInterface), another fails.
const noSession = exactly('prompt=none without a session', INTERACTION_ERRORS, INTERACTION_SENTENCE)

export default defineCheck({
  id: 'sess.prompt-none-no-session',
  title: 'prompt=none without a session redirects back with login_required (or another interaction error)',
  area: 'session',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'OIDCC-3.1.2.6'],
  needs: ['session'],
  errorCodes: [noSession],
  coveredBy: {
    oidf: 'oidcc-prompt-none-not-logged-in (CheckErrorFromAuthorizationEndpointIsOneThatRequiredAUserInterface)',
  },
  evaluate: ({ session }) => {
    const attempt = session.noSession
    const { result } = attempt
    const exchanges = exchangesOf(attempt)
    const actual = describeOutcome(attempt)
    // OIDC Core §3.1.2.1: "none — The Authorization Server MUST NOT display any authentication or
    // consent user interface pages. An error is returned if an End-User is not already authenticated".
    if (result.sawLogin) return fail('a login page was shown although prompt=none', { actual, exchanges })
    if (result.kind === 'page') {
      return fail(
        `prompt=none without a session stopped on a page (HTTP ${result.status}) instead of redirecting an error`,
        {
          expected: { error: INTERACTION_ERRORS },
          actual,
          exchanges,
        },
      )
    }
    if (result.params.code) return fail('prompt=none without a session issued a code', { actual, exchanges })
    const error = result.params.error
    if (!error) return fail('the redirect carries neither "code" nor "error"', { actual: result.params, exchanges })
    // RFC 6749 §4.1.2.1: "state REQUIRED if a "state" parameter was present in the client authorization request".
    if (result.params.state !== attempt.request.state) {
      return fail('the error redirect does not return "state" exactly', {
        expected: attempt.request.state,
        actual: result.params.state,
        exchanges,
      })
    }
    const problem = codeProblem(error, noSession, 'prompt=none without a session')
    if (problem) return fail(problem.message, { expected: INTERACTION_ERRORS, actual: error, exchanges })
    return pass(`"error" "${error}"`, { exchanges })
  },
})
