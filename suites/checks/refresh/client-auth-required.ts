/** rt.client-auth-required — RFC 6749 §6: a confidential client must authenticate to refresh. */

import { defineCheck, skip } from '../../harness/check.js'
import { isUnavailable } from '../../harness/unavailable.js'
import { expectError } from './expect-error.js'

export default defineCheck({
  id: 'rt.client-auth-required',
  title: 'A confidential client cannot refresh without its credentials (invalid_client)',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.2'],
  needs: ['refreshBinding'],
  coveredBy: { oauch: 'TokenEndpoint.IsRefreshAuthenticationRequiredTest' },
  evaluate: ({ refreshBinding }) => {
    const call = refreshBinding.withoutAuthentication
    if (isUnavailable(call)) return skip(call.unavailable)
    // RFC 6749 §6: "If the client type is confidential or the client was issued client credentials
    // (or assigned other authentication requirements), the client MUST authenticate with the
    // authorization server"; the server MUST "require client authentication for confidential
    // clients". §5.2: invalid_client — "no client authentication included".
    return expectError(call, {
      accepted: ['invalid_client'],
      what: `a refresh request of confidential client "${refreshBinding.clientId}" without client authentication`,
    })
  },
})
