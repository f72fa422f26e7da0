/** iss.in-error — an error redirect carries the correct `iss` when the server supports RFC 9207 (RFC 9207 §2). */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { errorRedirectOf } from './responses.js'

export default defineCheck({
  id: 'iss.in-error',
  title: 'An authorization error redirect carries the correct "iss"',
  area: 'iss',
  level: 'MUST',
  spec: ['RFC9207-2'],
  needs: ['discovery', 'happyFlow', 'issErrorRedirect'],
  coveredBy: { oidf: 'ValidateIssIfPresentInAuthorizationResponse (generic error validation)' },
  evaluate: ({ discovery, happyFlow, issErrorRedirect }, { target }) => {
    const happy = happyFlow.attempt.result
    const supported =
      discovery.metadata?.authorization_response_iss_parameter_supported === true ||
      (happy.kind === 'callback' && happy.params.iss !== undefined)
    if (!supported)
      return skip('the server does not support RFC 9207 (no "iss" in its success response, none advertised)')
    const error = errorRedirectOf(issErrorRedirect)
    if (!error.ok) return skip(`no error redirect to judge: ${error.reason}`)
    const exchanges = issErrorRedirect.result.exchanges
    // RFC 9207 §2: "including error responses, an authorization server supporting this
    // specification MUST indicate its identity by including the iss parameter in the response."
    if (error.params.iss === undefined)
      return fail(`the error redirect (error=${error.params.error}) has no "iss"`, {
        expected: target.issuer,
        actual: error.params,
        exchanges,
      })
    if (error.params.iss !== target.issuer)
      return fail('"iss" in the error redirect is not the issuer', {
        expected: target.issuer,
        actual: error.params.iss,
        exchanges,
      })
    return pass(undefined, { actual: error.params, exchanges })
  },
})
