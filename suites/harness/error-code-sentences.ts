/**
 * The spec sentences that define the error codes the checks judge, quoted once so every rule
 * (suites/harness/error-code-rule.ts) cites the same words. Token endpoint: RFC 6749 §5.2;
 * authorization endpoint: §4.1.2.1; protected resources: RFC 6750 §3.1; PKCE: RFC 7636 §4.4.1,
 * §4.6.
 */

/** RFC 6749 §5.2 invalid_request (token endpoint). */
export const TOKEN_INVALID_REQUEST = {
  spec: 'RFC6749-5.2',
  quote:
    'invalid_request: The request is missing a required parameter, includes an unsupported parameter value (other than grant type), repeats a parameter, includes multiple credentials, utilizes more than one mechanism for authenticating the client, or is otherwise malformed.',
}

/** RFC 6749 §5.2 invalid_client. */
export const TOKEN_INVALID_CLIENT = {
  spec: 'RFC6749-5.2',
  quote:
    'invalid_client: Client authentication failed (e.g., unknown client, no client authentication included, or unsupported authentication method).',
}

/** RFC 6749 §5.2 invalid_grant. */
export const TOKEN_INVALID_GRANT = {
  spec: 'RFC6749-5.2',
  quote:
    'invalid_grant: The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
}

/** RFC 6749 §5.2 unsupported_grant_type (and invalid_request's "(other than grant type)"). */
export const TOKEN_UNSUPPORTED_GRANT_TYPE = {
  spec: 'RFC6749-5.2',
  quote:
    'unsupported_grant_type: The authorization grant type is not supported by the authorization server. (invalid_request covers "an unsupported parameter value (other than grant type)".)',
}

/** RFC 6749 §5.2 invalid_scope. */
export const TOKEN_INVALID_SCOPE = {
  spec: 'RFC6749-5.2',
  quote:
    'invalid_scope: The requested scope is invalid, unknown, malformed, or exceeds the scope granted by the resource owner.',
}

/** RFC 7636 §4.6: a verifier that does not match its challenge. */
export const PKCE_MISMATCH = {
  spec: 'RFC7636-4.6',
  quote:
    'If the values are not equal, an error response indicating "invalid_grant" as described in Section 5.2 of [RFC6749] MUST be returned.',
}

/** RFC 7636 §4.4.1: PKCE required but absent, or a transformation the server does not support. */
export const PKCE_AUTHORIZATION_ERROR = {
  spec: 'RFC7636-4.4.1',
  quote:
    'the authorization endpoint MUST return the authorization error response with the "error" value set to "invalid_request" (for a missing "code_challenge" where PKCE is required, and for a transformation the server does not support)',
}

/** RFC 6749 §4.1.2.1 invalid_request (authorization endpoint). */
export const AUTHORIZATION_INVALID_REQUEST = {
  spec: 'RFC6749-4.1.2.1',
  quote:
    'invalid_request: The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed.',
}

/** RFC 6749 §4.1.2.1 access_denied. */
export const AUTHORIZATION_ACCESS_DENIED = {
  spec: 'RFC6749-4.1.2.1',
  quote: 'access_denied: The resource owner or authorization server denied the request.',
}

/** RFC 6749 §4.1.2.1 unsupported_response_type, next to invalid_request's "invalid parameter value". */
export const AUTHORIZATION_UNSUPPORTED_RESPONSE_TYPE = {
  spec: 'RFC6749-4.1.2.1',
  quote:
    'unsupported_response_type: The authorization server does not support obtaining an authorization code using this method. (invalid_request also covers "an invalid parameter value".)',
}

/** RFC 6750 §3.1 invalid_token. */
export const BEARER_INVALID_TOKEN = {
  spec: 'RFC6750-3.1',
  quote:
    'invalid_token: The access token provided is expired, revoked, malformed, or invalid for other reasons. The resource SHOULD respond with the HTTP 401 (Unauthorized) status code.',
}

/** RFC 6750 §3.1 invalid_request. */
export const BEARER_INVALID_REQUEST = {
  spec: 'RFC6750-3.1',
  quote:
    'invalid_request: The request is missing a required parameter, includes an unsupported parameter or parameter value, repeats the same parameter, uses more than one method for including an access token, or is otherwise malformed. The resource server SHOULD respond with the HTTP 400 (Bad Request) status code.',
}
