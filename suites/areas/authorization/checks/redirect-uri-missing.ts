import { defineCheck, fail, info } from '../../../harness/check.js'
import { describe, judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-missing',
  title: 'An OpenID Connect request without redirect_uri is shown an error page, never redirected',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'RFC6749-3.1.2.3', 'RFC6749-4.1.2.1'],
  needs: ['authzRedirectMissing'],
  dependsOnSetup:
    'how many redirect URIs the client registers and whether the request is OpenID Connect: with exactly one, plain OAuth 2.0 may omit redirect_uri (RFC 6749 §3.1.2.3) and a redirect to it is only reported; OpenID Connect requires it whatever the registration (OIDC Core §3.1.2.1); the finding names the case',
  coveredBy: {
    oidf: 'oidcc-ensure-redirect-uri-in-authorization-request (AuthorizationEndpointRedirectedBackUnexpectedly)',
    oauch: 'AuthEndpoint.RedirectUriRequiredTest (OIDC)',
  },
  evaluate: ({ authzRedirectMissing: flow }) => {
    const { result } = flow.attempt
    const clientId = flow.attempt.request.client.client_id
    // RFC 6749 §3.1.2.3: "If multiple redirection URIs have been registered, … the client MUST
    // include a redirection URI with the authorization request". With exactly one, plain OAuth
    // may use it; OIDC Core §3.1.2.1 makes redirect_uri REQUIRED for an openid request.
    if (!flow.openid && flow.registeredCount === 1 && result.kind === 'callback')
      return info(
        `client "${clientId}" has exactly one registered redirect_uri (as the target file lists), and this plain OAuth 2.0 request omitted it: RFC 6749 §3.1.2.3 allows that, and the server used the registered one (${describe(result)})`,
        { exchanges: result.exchanges },
      )
    const verdict = judgeNoRedirect(
      flow,
      flow.openid
        ? '"redirect_uri" was omitted from an OpenID Connect request'
        : `"redirect_uri" was omitted and the client has ${flow.registeredCount} registered redirect URIs`,
    )
    if (verdict.kind !== 'fail' || !flow.openid || flow.registeredCount !== 1) return verdict
    // OIDC Core §3.1.2.1: "redirect_uri REQUIRED." — a single registered URI is no excuse here.
    return fail(
      `${verdict.message}. Client "${clientId}" has exactly one registered redirect_uri (as the target file lists): plain OAuth 2.0 may omit it then (RFC 6749 §3.1.2.3), but OpenID Connect makes redirect_uri REQUIRED in every authentication request (OIDC Core §3.1.2.1)`,
      { expected: verdict.expected, actual: verdict.actual, exchanges: verdict.exchanges },
    )
  },
})
