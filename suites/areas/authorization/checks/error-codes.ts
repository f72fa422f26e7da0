/** The authorization-endpoint error vocabulary and the character rules for error responses. */

/** RFC 6749 §4.1.2.1 and OIDC Core §3.1.2.6 (plus RFC 9101 §6.2's request-object errors). */
export const AUTHORIZATION_ERROR_CODES = [
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
] as const

/** RFC 6749 §4.1.2.1: error and error_description: `%x20-21 / %x23-5B / %x5D-7E`. */
export const ERROR_CHARSET = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/

/** RFC 6749 §4.1.2.1: error_uri: `%x21 / %x23-5B / %x5D-7E`. */
export const ERROR_URI_CHARSET = /^[\x21\x23-\x5B\x5D-\x7E]*$/

/** What an error response may carry besides its own registered query (OIDC Session Management adds session_state). */
export const ERROR_RESPONSE_PARAMS = ['error', 'error_description', 'error_uri', 'state', 'iss', 'session_state']
