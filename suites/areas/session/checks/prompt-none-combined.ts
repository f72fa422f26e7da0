/** sess.prompt-none-combined — OIDC Core §3.1.2.1: prompt=none with another value is invalid_request. */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { codeProblem, preferably } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { describeOutcome, exchangesOf } from './judging.js'

// OIDC Core §3.1.2.1 says only that "an error is returned"; RFC 6749 §4.1.2.1's invalid_request
// ("an invalid parameter value") fits best, but no code is named: another code warns.
const combined = preferably('prompt="none login"', ['invalid_request'], AUTHORIZATION_INVALID_REQUEST)

export default defineCheck({
  id: 'sess.prompt-none-combined',
  title: 'prompt="none login" is refused with invalid_request',
  area: 'session',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'RFC6749-4.1.2.1'],
  needs: ['session'],
  errorCodes: [combined],
  evaluate: ({ session }) => {
    const attempt = session.promptNoneCombined
    const { result } = attempt
    const exchanges = exchangesOf(attempt)
    const actual = describeOutcome(attempt)
    // OIDC Core §3.1.2.1: "If this parameter contains none with any other value, an error is returned."
    if (result.kind === 'callback' && result.params.code) {
      return fail('prompt="none login" was accepted: a code was issued', {
        expected: 'invalid_request',
        actual,
        exchanges,
      })
    }
    if (result.sawLogin)
      return fail('a login page was shown for prompt="none login"', { expected: 'invalid_request', actual, exchanges })
    if (result.kind === 'page') {
      return warn(
        `prompt="none login" stopped on an error page (HTTP ${result.status}) instead of redirecting "invalid_request"`,
        {
          actual,
          exchanges,
        },
      )
    }
    const error = result.params.error
    if (error === undefined)
      return fail('prompt="none login" was redirected back without "error"', {
        expected: 'invalid_request',
        actual,
        exchanges,
      })
    const problem = codeProblem(error, combined, 'prompt="none login"')
    if (problem) return warn(problem.message, { expected: 'invalid_request', actual: error, exchanges })
    return pass(undefined, { exchanges })
  },
})
