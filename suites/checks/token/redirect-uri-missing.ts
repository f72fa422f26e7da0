import { defineCheck } from '../../harness/check.js'
import { judgeRejection } from './token-errors.js'

export default defineCheck({
  id: 'token.redirect-uri-missing',
  title: 'A code redeemed without the redirect_uri the authorization request included is refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3'],
  needs: ['tokenRedirectUri'],
  coveredBy: { oauch: 'TokenEndpoint.RedirectUriCheckedTest (second phase)' },
  // RFC 6749 §4.1.3: redirect_uri "REQUIRED, if the "redirect_uri" parameter was included in the
  // authorization request". Missing parameter (invalid_request) and failed binding (invalid_grant)
  // are both defensible (catalog trap #4).
  evaluate: ({ tokenRedirectUri }) =>
    judgeRejection(tokenRedirectUri.missing, {
      what: 'a code redeemed without redirect_uri',
      accepted: ['invalid_request', 'invalid_grant'],
    }),
})
