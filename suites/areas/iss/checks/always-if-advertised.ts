/**
 * iss.always-if-advertised — a server advertising authorization_response_iss_parameter_supported
 * puts `iss` in every authorization response, success and error (RFC 9207 §2, §3).
 */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { authorizationResponses, errorRedirectOf } from './responses.js'

export default defineCheck({
  id: 'iss.always-if-advertised',
  title: 'With authorization_response_iss_parameter_supported, every authorization response carries "iss"',
  area: 'iss',
  level: 'MUST',
  spec: ['RFC9207-2', 'RFC9207-3'],
  needs: ['discovery', 'happyFlow', 'issErrorRedirect'],
  coveredBy: { oidf: 'OIDF-FAPI2: RequireIssInAuthorizationResponse (OIDCC never requires iss, even when advertised)' },
  evaluate: ({ discovery, happyFlow, issErrorRedirect }) => {
    const flag = discovery.metadata?.authorization_response_iss_parameter_supported
    if (flag !== true)
      return skip('the metadata does not advertise authorization_response_iss_parameter_supported: true')
    const responses = authorizationResponses(happyFlow, issErrorRedirect)
    if (responses.length === 0) return skip('no authorization response came back to the client')
    const exchanges = [
      ...(discovery.exchange ? [discovery.exchange] : []),
      ...responses.flatMap((response) => response.exchanges),
    ]
    // RFC 9207 §2: "In authorization responses to the client, including error responses, an
    // authorization server supporting this specification MUST indicate its identity by including
    // the iss parameter in the response."
    const missing = responses.filter((response) => response.iss === undefined)
    if (missing.length > 0)
      return fail(
        `"iss" is missing from the ${missing.map((response) => response.what).join(' and ')} although the metadata advertises it`,
        {
          expected: '"iss" in every authorization response',
          actual: responses.map(({ what, iss }) => ({ response: what, iss })),
          exchanges,
        },
      )
    const error = errorRedirectOf(issErrorRedirect)
    return pass(error.ok ? undefined : `only the success response was judged: ${error.reason}`, { exchanges })
  },
})
