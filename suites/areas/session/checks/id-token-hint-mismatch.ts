/** sess.id-token-hint-mismatch — OIDC Core §3.1.2.1: a hint for another user than the session's is an error. */

import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { codeProblem, preferably } from '../../../harness/error-code-rule.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { claim, describeOutcome, exchangesOf, INTERACTION_ERRORS, NO_SSO, resultOf } from './judging.js'

// OIDC Core §3.1.2.1 names an example only ("such as login_required"): another code warns.
const mismatch = preferably(
  "prompt=none with another user's id_token_hint",
  [...INTERACTION_ERRORS, 'invalid_request'],
  {
    spec: 'OIDCC-3.1.2.1',
    quote:
      'If the End-User identified by the ID Token is logged in or is logged in by the request, then the Authorization Server returns a positive response; otherwise, it SHOULD return an error, such as login_required.',
  },
)

export default defineCheck({
  id: 'sess.id-token-hint-mismatch',
  title: "prompt=none with another user's ID token as id_token_hint returns an error, not a code",
  area: 'session',
  level: 'SHOULD',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  errorCodes: [mismatch],
  dependsOnSetup:
    'a second user in the target file (skipped without one) and a login session (capabilities.sso_session)',
  evaluate: ({ session }) => {
    if (!session.ssoSession) return skip(NO_SSO)
    const flow = session.idTokenHintMismatch
    if (isUnavailable(flow)) return skip(flow.unavailable)
    const exchanges = exchangesOf(flow)
    const result = resultOf(flow)
    // OIDC Core §3.1.2.1: id_token_hint — "If the End-User identified by the ID Token is logged in or
    // is logged in by the request, then the Authorization Server returns a positive response;
    // otherwise, it SHOULD return an error, such as login_required."
    if (flow.code) {
      return fail('a code was issued although "id_token_hint" names another user than the one logged in', {
        expected: 'login_required',
        actual: { hintSub: flow.hintSub, issuedFor: claim(flow, 'sub') },
        exchanges,
      })
    }
    if (result.sawLogin)
      return fail('a login page was shown although prompt=none', { actual: describeOutcome(flow), exchanges })
    const error = result.kind === 'callback' ? result.params.error : undefined
    const problem = error === undefined ? undefined : codeProblem(error, mismatch, 'the mismatch')
    if (problem)
      return warn(problem.message, { expected: ['login_required', 'invalid_request'], actual: error, exchanges })
    return pass(error ? `"error" "${error}"` : 'an error page was shown', { exchanges })
  },
})
