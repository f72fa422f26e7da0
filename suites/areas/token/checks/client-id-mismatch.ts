import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_CLIENT } from '../../../harness/error-code-sentences.js'
import { judgeRejection } from './token-errors.js'

// The client authenticated, but the request names another one: failed client authentication and
// a grant issued to someone else both fit (RFC 6749 §5.2; the OpenID Foundation's suite accepts
// either: CheckErrorFromTokenEndpointResponseErrorInvalidClientOrInvalidGrant). A contradictory request
// read as malformed (invalid_request) is defensible too, a warning; any other code fails.
const mismatch = exactly(
  'a body client_id that differs from the authenticated client',
  ['invalid_client', 'invalid_grant'],
  TOKEN_INVALID_CLIENT,
  ['invalid_request'],
)

export default defineCheck({
  id: 'token.client-id-mismatch',
  title: 'A client_id in the body that differs from the authenticated client is refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2.1', 'RFC6749-5.2'],
  needs: ['tokenClientAuth'],
  errorCodes: [mismatch],
  coveredBy: {
    oidf: 'fapi2-security-profile-final-ensure-client-id-in-token-endpoint (CheckErrorFromTokenEndpointResponseErrorInvalidClientOrInvalidGrant)',
  },
  // RFC 6749 §3.2.1: the client identifier identifies who is authenticated; a body client_id naming
  // someone else makes the request unattributable.
  evaluate: ({ tokenClientAuth }) =>
    judgeRejection(tokenClientAuth.clientIdMismatch.call, {
      what: `Basic credentials of "${tokenClientAuth.client}" with client_id "${tokenClientAuth.clientIdMismatch.bodyClientId}" in the body`,
      rule: mismatch,
    }),
})
