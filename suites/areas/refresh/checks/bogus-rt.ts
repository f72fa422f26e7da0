/** rt.bogus-rt — RFC 6749 §5.2: an unknown refresh token is invalid_grant. */
import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { expectError } from './expect-error.js'

const neverIssued = exactly('a well-formed refresh token the server never issued', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'rt.bogus-rt',
  title: 'A refresh token the server never issued is refused with invalid_grant',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC6749-6'],
  needs: ['refreshBinding'],
  errorCodes: [neverIssued],
  evaluate: ({ refreshBinding }) =>
    // RFC 6749 §5.2: invalid_grant — "The provided authorization grant (e.g., authorization code,
    // resource owner credentials) or refresh token is invalid, expired, revoked".
    expectError(refreshBinding.bogus, { rule: neverIssued, what: 'a random "refresh_token"' }),
})
