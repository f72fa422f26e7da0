import { defineCheck } from '../../harness/check.js'
import { judgeRejection } from './token-errors.js'

export default defineCheck({
  id: 'token.client-id-mismatch',
  title: 'A client_id in the body that differs from the authenticated client is refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2.1', 'RFC6749-5.2'],
  needs: ['tokenClientAuth'],
  coveredBy: {
    oidf: 'fapi2-security-profile-final-ensure-client-id-in-token-endpoint (CheckErrorFromTokenEndpointResponseErrorInvalidClientOrInvalidGrant)',
  },
  // RFC 6749 §3.2.1: the client identifier identifies who is authenticated; a body client_id naming
  // someone else makes the request unattributable — invalid_client and invalid_grant are both
  // defensible (catalog trap #4).
  evaluate: ({ tokenClientAuth }) =>
    judgeRejection(tokenClientAuth.clientIdMismatch.call, {
      what: `Basic credentials of "${tokenClientAuth.client}" with client_id "${tokenClientAuth.clientIdMismatch.bodyClientId}" in the body`,
      accepted: ['invalid_client', 'invalid_grant'],
    }),
})
