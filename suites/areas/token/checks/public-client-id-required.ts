import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.public-client-id-required',
  title: 'A public client that omits client_id at the token endpoint is refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-3.2.1'],
  needs: ['tokenPublicClient'],
  coveredBy: { oauch: 'TokenEndpoint.IsClientIdRequiredTest' },
  evaluate: ({ tokenPublicClient }) => {
    const call = tokenPublicClient.withoutClientId
    // RFC 6749 §4.1.3: client_id "REQUIRED, if the client is not authenticating with the
    // authorization server as described in Section 3.2.1." Any error will do: the effect matters.
    if (tokensIssued(call))
      return fail(`the public client "${tokenPublicClient.client}"'s code was redeemed without client_id`, {
        expected: 'an error and no token',
        actual: describeCall(call),
        exchanges: [call.exchange],
      })
    return pass(undefined, { actual: describeCall(call), exchanges: [call.exchange] })
  },
})
