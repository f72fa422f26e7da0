import { defineCheck } from '../../harness/check.js'
import { judgeRejections } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-missing',
  title:
    "A confidential client's code exchange without its secret (or without any client) is refused with invalid_client",
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2.1', 'RFC6749-4.1.3', 'RFC6749-5.2'],
  needs: ['tokenClientAuth'],
  coveredBy: { oauch: 'TokenEndpoint.IsClientAuthenticationRequiredTest' },
  // RFC 6749 §4.1.3: the server MUST "require client authentication for confidential clients";
  // §5.2: invalid_client "Client authentication failed (e.g., … no client authentication included …)".
  evaluate: ({ tokenClientAuth }) =>
    judgeRejections([
      {
        call: tokenClientAuth.secretMissing,
        expectation: { what: `client_id "${tokenClientAuth.client}" without its secret`, accepted: ['invalid_client'] },
      },
      {
        call: tokenClientAuth.nothing,
        // With no client named, "the request is missing a required parameter" is defensible too.
        expectation: {
          what: 'no client authentication and no client_id',
          accepted: ['invalid_client', 'invalid_request'],
        },
      },
    ]),
})
