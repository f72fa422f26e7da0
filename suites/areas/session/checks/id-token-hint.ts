/** sess.id-token-hint — OIDC Core §3.1.2.1: prompt=none with the session user's ID token as hint succeeds. */

import { defineCheck, fail, info, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import {
  claim,
  consentNotRemembered,
  describeOutcome,
  errorOf,
  exchangesOf,
  NO_SSO,
  SILENT_AUTHORIZATION_SETUP,
} from './judging.js'

export default defineCheck({
  id: 'sess.id-token-hint',
  title: 'prompt=none with id_token_hint of the logged-in user succeeds silently, for the same sub',
  area: 'session',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1'],
  needs: ['session'],
  dependsOnSetup: SILENT_AUTHORIZATION_SETUP,
  coveredBy: { oidf: 'oidcc-id-token-hint' },
  evaluate: ({ session }) => {
    if (!session.ssoSession) return skip(NO_SSO)
    const flow = session.idTokenHint
    if (isUnavailable(flow)) return skip(flow.unavailable)
    const exchanges = exchangesOf(flow)
    // OIDC Core §3.1.2.1: id_token_hint — "If the End-User identified by the ID Token is logged in or
    // is logged in by the request, then the Authorization Server returns a positive response".
    if (errorOf(flow) === 'consent_required')
      return info(consentNotRemembered(flow.attempt.request.client.client_id), {
        actual: describeOutcome(flow),
        exchanges,
      })
    if (!flow.code || flow.attempt.result.sawLogin) {
      return fail('prompt=none with the logged-in user\'s ID token as "id_token_hint" did not succeed silently', {
        expected: 'a code, no page',
        actual: describeOutcome(flow),
        exchanges,
      })
    }
    const [expected, actual] = [claim(session.first, 'sub'), claim(flow, 'sub')]
    if (expected !== undefined && expected !== actual) {
      return fail('the authorization is for another "sub" than the hint', { expected, actual, exchanges })
    }
    return pass(undefined, { exchanges })
  },
})
