import { defineCheck, info } from '../../harness/check.js'
import { describe, judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-missing',
  title: 'An OpenID Connect request without redirect_uri is shown an error page, never redirected',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'RFC6749-3.1.2.3', 'RFC6749-4.1.2.1'],
  needs: ['authzRedirectMissing'],
  coveredBy: {
    oidf: 'oidcc-ensure-redirect-uri-in-authorization-request (AuthorizationEndpointRedirectedBackUnexpectedly)',
    oauch: 'AuthEndpoint.RedirectUriRequiredTest (OIDC)',
  },
  evaluate: ({ authzRedirectMissing: flow }) => {
    const { result } = flow.attempt
    // RFC 6749 §3.1.2.3: "If multiple redirection URIs have been registered, … the client MUST
    // include a redirection URI with the authorization request". With exactly one, plain OAuth
    // may use it (catalog trap #14).
    if (!flow.openid && flow.registeredCount === 1 && result.kind === 'callback')
      return info(`plain OAuth 2.0 request with one registered redirect URI: ${describe(result)}`, {
        exchanges: result.exchanges,
      })
    // OIDC Core §3.1.2.1: "redirect_uri REQUIRED."
    return judgeNoRedirect(
      flow,
      flow.openid
        ? '"redirect_uri" was omitted from an OpenID Connect request'
        : `"redirect_uri" was omitted and the client has ${flow.registeredCount} registered redirect URIs`,
    )
  },
})
