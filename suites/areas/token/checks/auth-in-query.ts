import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-in-query',
  title: 'Client credentials in the token URL query are refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-2.3.1'],
  needs: ['tokenClientAuth'],
  coveredBy: { oauch: 'TokenEndpoint.IsAuthInUriAllowedTest' },
  evaluate: ({ tokenClientAuth }) => {
    const call = tokenClientAuth.inQuery
    // RFC 6749 §2.3.1: the parameters "can only be transmitted in the request-body and MUST NOT be
    // included in the request URI." Any refusal will do (ignored credentials → invalid_client, or
    // invalid_request for the forbidden placement).
    if (tokensIssued(call))
      return fail('the server accepted client credentials sent in the token URL query', {
        expected: 'an error and no token',
        actual: describeCall(call),
        exchanges: [call.exchange],
      })
    return pass(undefined, { actual: describeCall(call), exchanges: [call.exchange] })
  },
})
