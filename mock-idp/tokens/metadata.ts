/**
 * The provider metadata published at discovery (OIDC Discovery §3) and RFC 8414 §2. It is built
 * from the same config the endpoints run on, so it can only advertise what is implemented.
 */
import type { EndpointUrls } from '../endpoint-urls.js'
import type { Provider } from '../provider.js'

export function providerMetadata(provider: Provider, urls: EndpointUrls): Record<string, unknown> {
  const { config } = provider
  const authMethods = [...new Set(config.clients.map((client) => client.token_endpoint_auth_method))]
  return {
    issuer: urls.issuer,
    authorization_endpoint: urls.authorization,
    token_endpoint: urls.token,
    userinfo_endpoint: urls.userinfo,
    jwks_uri: urls.jwks,
    revocation_endpoint: urls.revocation,
    introspection_endpoint: urls.introspection,
    end_session_endpoint: urls.endSession,
    scopes_supported: Object.keys(config.scopes),
    response_types_supported: ['code'],
    response_modes_supported: config.responseModes,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: provider.keys.algorithms(),
    token_endpoint_auth_methods_supported: sortAuthMethods(authMethods),
    revocation_endpoint_auth_methods_supported: sortAuthMethods(authMethods),
    introspection_endpoint_auth_methods_supported: sortAuthMethods(authMethods),
    code_challenge_methods_supported: config.pkce.allowPlain ? ['S256', 'plain'] : ['S256'],
    claims_supported: [
      ...new Set([
        'sub',
        'iss',
        'aud',
        'exp',
        'iat',
        'auth_time',
        'nonce',
        'acr',
        'amr',
        'azp',
        'at_hash',
        'c_hash',
        ...Object.values(config.scopes).flat(),
      ]),
    ],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    prompt_values_supported: ['none', 'login', 'consent'],
    // RFC 9207 §3: every authorization response carries "iss".
    authorization_response_iss_parameter_supported: true,
  }
}

function sortAuthMethods(methods: string[]): string[] {
  const order = ['client_secret_basic', 'client_secret_post', 'none']
  return methods.sort((a, b) => order.indexOf(a) - order.indexOf(b))
}
