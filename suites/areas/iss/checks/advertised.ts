/** iss.advertised — a server that sends `iss` says so in its metadata (RFC 9207 §3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { authorizationResponses } from './responses.js'

export default defineCheck({
  id: 'iss.advertised',
  title: 'A server that sends "iss" advertises authorization_response_iss_parameter_supported',
  area: 'iss',
  level: 'SHOULD',
  spec: ['RFC9207-3'],
  needs: ['discovery', 'happyFlow', 'issErrorRedirect'],
  evaluate: ({ discovery, happyFlow, issErrorRedirect }) => {
    const sent = authorizationResponses(happyFlow, issErrorRedirect).filter((response) => response.iss !== undefined)
    if (sent.length === 0) return skip('the server sends no "iss" in its authorization responses')
    if (!discovery.metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange, ...sent.flatMap((response) => response.exchanges)]
    const flag = discovery.metadata.authorization_response_iss_parameter_supported
    // RFC 9207 §3: "authorization_response_iss_parameter_supported: Boolean parameter indicating
    // whether the authorization server provides the iss parameter in the authorization response
    // … If omitted, the default value is false." Without it, clients cannot rely on "iss" and the
    // mix-up defence stays off.
    if (flag !== true)
      return fail(
        'the server sends "iss" but does not advertise authorization_response_iss_parameter_supported: true',
        {
          expected: true,
          actual: flag,
          exchanges,
        },
      )
    return pass(undefined, { actual: flag, exchanges })
  },
})
