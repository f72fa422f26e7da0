/** rt.bound-to-client — RFC 6749 §6, §5.2, §10.4: a refresh token is bound to the client it was issued to. */

import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { expectError } from './expect-error.js'

const otherClients = exactly(
  "another client's refresh token, presented with valid credentials",
  'invalid_grant',
  TOKEN_INVALID_GRANT,
)

export default defineCheck({
  id: 'rt.bound-to-client',
  title: "Another client cannot use a client's refresh token (invalid_grant)",
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.2', 'RFC6749-10.4'],
  needs: ['refreshBinding'],
  errorCodes: [otherClients],
  dependsOnSetup: 'a second confidential client in the target file (skipped without one)',
  coveredBy: {
    oidf: 'RefreshTokenRequestExpectingErrorSteps (CheckTokenEndpointHttpStatus400, CheckErrorFromTokenEndpointResponseErrorInvalidGrant)',
    oauch: 'TokenEndpoint.IsRefreshBoundToClientTest',
  },
  evaluate: ({ refreshBinding }) => {
    const { otherClient } = refreshBinding
    if (isUnavailable(otherClient)) return skip(otherClient.unavailable)
    // RFC 6749 §6: the server MUST "ensure that the refresh token was issued to the authenticated
    // client"; §5.2: invalid_grant — the refresh token "was issued to another client".
    return expectError(otherClient.call, {
      rule: otherClients,
      what: `a refresh token of "${refreshBinding.clientId}" presented by "${otherClient.clientId}"`,
    })
  },
})
