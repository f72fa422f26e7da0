import { defineCheck } from '../../harness/check.js'
import { judgeRejection } from './token-errors.js'

export default defineCheck({
  id: 'token.redirect-uri-mismatch',
  title: "A code redeemed with a redirect_uri other than the authorization request's is refused with invalid_grant",
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-10.6', 'OIDCC-3.1.3.2'],
  needs: ['tokenRedirectUri'],
  coveredBy: { oauch: 'TokenEndpoint.RedirectUriCheckedTest' },
  // RFC 6749 §4.1.3: the server MUST "ensure that the "redirect_uri" parameter is present if the
  // "redirect_uri" parameter was included in the initial authorization request …, and if included
  // ensure that their values are identical."
  evaluate: ({ tokenRedirectUri }) =>
    judgeRejection(tokenRedirectUri.mismatch, {
      what: `a code redeemed with redirect_uri "${tokenRedirectUri.mismatchUri}" instead of "${tokenRedirectUri.registered}"`,
      accepted: ['invalid_grant'],
    }),
})
