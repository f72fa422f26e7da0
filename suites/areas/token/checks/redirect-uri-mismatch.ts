import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { judgeRejection } from './token-errors.js'

// RFC 6749 §5.2 names invalid_grant for a grant that "does not match the redirection URI used in the authorization request".
const mismatch = exactly(
  'a code redeemed with another redirect_uri than the authorization request',
  'invalid_grant',
  TOKEN_INVALID_GRANT,
)

export default defineCheck({
  id: 'token.redirect-uri-mismatch',
  title: "A code redeemed with a redirect_uri other than the authorization request's is refused with invalid_grant",
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-10.6', 'OIDCC-3.1.3.2'],
  needs: ['tokenRedirectUri'],
  errorCodes: [mismatch],
  coveredBy: { oauch: 'TokenEndpoint.RedirectUriCheckedTest' },
  // RFC 6749 §4.1.3: the server MUST "ensure that the "redirect_uri" parameter is present if the
  // "redirect_uri" parameter was included in the initial authorization request …, and if included
  // ensure that their values are identical."
  evaluate: ({ tokenRedirectUri }) =>
    judgeRejection(tokenRedirectUri.mismatch, {
      what: `a code redeemed with redirect_uri "${tokenRedirectUri.mismatchUri}" instead of "${tokenRedirectUri.registered}"`,
      rule: mismatch,
    }),
})
