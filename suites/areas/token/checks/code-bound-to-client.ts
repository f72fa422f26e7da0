import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { judgeRejection } from './token-errors.js'

// RFC 6749 §5.2 names invalid_grant for a grant that "was issued to another client".
const otherClients = exactly(
  "another client's code, redeemed with valid credentials",
  'invalid_grant',
  TOKEN_INVALID_GRANT,
)

export default defineCheck({
  id: 'token.code-bound-to-client',
  title: 'A code issued to one client is refused with invalid_grant when another client redeems it',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-10.5', 'RFC6819-5.2.4.4'],
  needs: ['tokenCodeBinding'],
  errorCodes: [otherClients],
  coveredBy: {
    oidf: 'fapi2-security-profile-final-ensure-authorization-code-is-bound-to-client',
    oauch: 'TokenEndpoint.IsCodeBoundToClientTest',
  },
  // RFC 6749 §4.1.3: the server MUST "ensure that the authorization code was issued to the
  // authenticated confidential client".
  evaluate: ({ tokenCodeBinding }) =>
    judgeRejection(tokenCodeBinding.call, {
      what: `"${tokenCodeBinding.issuedTo}"'s code redeemed by "${tokenCodeBinding.redeemedBy}"`,
      rule: otherClients,
    }),
})
