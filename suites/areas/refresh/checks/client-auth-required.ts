/** rt.client-auth-required — RFC 6749 §6: a confidential client must authenticate to refresh. */

import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_CLIENT } from '../../../harness/error-code-sentences.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { expectError } from './expect-error.js'

const noAuthentication = exactly(
  'a confidential client refreshing with its client_id but no credentials',
  'invalid_client',
  TOKEN_INVALID_CLIENT,
)

export default defineCheck({
  id: 'rt.client-auth-required',
  title: 'A confidential client cannot refresh without its credentials (invalid_client)',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.2'],
  needs: ['refreshBinding'],
  errorCodes: [noAuthentication],
  dependsOnSetup:
    'the primary client being confidential (skipped for a public one: it has no credentials to leave out)',
  coveredBy: { oauch: 'TokenEndpoint.IsRefreshAuthenticationRequiredTest' },
  evaluate: ({ refreshBinding }) => {
    const call = refreshBinding.withoutAuthentication
    if (isUnavailable(call)) return skip(call.unavailable)
    // RFC 6749 §6: "If the client type is confidential or the client was issued client credentials
    // (or assigned other authentication requirements), the client MUST authenticate with the
    // authorization server"; the server MUST "require client authentication for confidential
    // clients". §5.2: invalid_client — "no client authentication included".
    return expectError(call, {
      rule: noAuthentication,
      what: `a refresh request of confidential client "${refreshBinding.clientId}" without client authentication`,
    })
  },
})
