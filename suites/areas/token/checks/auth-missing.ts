import { defineCheck } from '../../../harness/check.js'
import { exactly, preferably } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_CLIENT } from '../../../harness/error-code-sentences.js'
import { judgeRejections } from './token-errors.js'

// §5.2 names invalid_client for "no client authentication included".
const secretMissing = exactly('a confidential client_id without its secret', 'invalid_client', TOKEN_INVALID_CLIENT)
// With no client named at all, "the request is missing a required parameter" is defensible too.
const nothing = preferably(
  'no client authentication and no client_id',
  ['invalid_client', 'invalid_request'],
  TOKEN_INVALID_CLIENT,
)

export default defineCheck({
  id: 'token.auth-missing',
  title:
    "A confidential client's code exchange without its secret (or without any client) is refused with invalid_client",
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2.1', 'RFC6749-4.1.3', 'RFC6749-5.2'],
  needs: ['tokenClientAuth'],
  errorCodes: [secretMissing, nothing],
  coveredBy: { oauch: 'TokenEndpoint.IsClientAuthenticationRequiredTest' },
  // RFC 6749 §4.1.3: the server MUST "require client authentication for confidential clients";
  // §5.2: invalid_client "Client authentication failed (e.g., … no client authentication included …)".
  evaluate: ({ tokenClientAuth }) =>
    judgeRejections([
      {
        call: tokenClientAuth.secretMissing,
        expectation: { what: `client_id "${tokenClientAuth.client}" without its secret`, rule: secretMissing },
      },
      {
        call: tokenClientAuth.nothing,
        expectation: { what: 'no client authentication and no client_id', rule: nothing },
      },
    ]),
})
