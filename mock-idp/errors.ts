/**
 * Typed OAuth 2.0 / OpenID Connect errors: one class per error code.
 *
 * RFC 6749 §4.1.2.1 (authorization errors), §5.2 (token errors), RFC 6750 §3.1 (bearer token
 * errors), RFC 7009 §2.2.1, OIDC Core §3.1.2.6. One boundary in `http/` turns them into responses;
 * anything that is not an OAuthError becomes `server_error` and is logged.
 */

export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'unsupported_token_type'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'account_selection_required'
  | 'invalid_request_uri'
  | 'invalid_request_object'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'registration_not_supported'

export interface OAuthErrorOptions {
  /** Extra response headers, e.g. `WWW-Authenticate`. */
  headers?: Record<string, string>
  /** Structured detail for logs and the recorded exchange (never secrets). */
  detail?: Record<string, unknown>
}

export abstract class OAuthError extends Error {
  abstract readonly error: OAuthErrorCode
  /** HTTP status when answered directly (token, userinfo, revocation, introspection endpoints). */
  readonly status: number = 400
  /**
   * Whether the authorization endpoint may send this error to the client's redirect_uri.
   * RFC 6749 §4.1.2.1: not when the client or the redirect_uri could not be validated.
   */
  readonly redirectable: boolean = true
  readonly headers: Record<string, string>
  readonly detail: Record<string, unknown> | undefined

  constructor(
    readonly description: string,
    options: OAuthErrorOptions = {},
  ) {
    super(description)
    this.name = new.target.name
    this.headers = options.headers ?? {}
    this.detail = options.detail
  }

  /** The JSON error body (RFC 6749 §5.2), its description kept within the allowed characters. */
  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: errorDescriptionValue(this.description) }
  }
}

/** RFC 6749 §4.1.2.1 / §5.2 */
export class InvalidRequest extends OAuthError {
  readonly error = 'invalid_request' as const
}

/**
 * The client or its redirect_uri could not be validated: RFC 6749 §4.1.2.1 forbids redirecting,
 * "the authorization server SHOULD inform the resource owner of the error and MUST NOT
 * automatically redirect the user-agent to the invalid redirection URI".
 */
export class InvalidRedirectTarget extends OAuthError {
  readonly error: OAuthErrorCode
  override readonly redirectable = false
  constructor(error: 'invalid_request' | 'invalid_client', description: string, options?: OAuthErrorOptions) {
    super(description, options)
    this.error = error
  }
}

/** RFC 6749 §5.2: 401, with `WWW-Authenticate` when the client tried HTTP authentication. */
export class InvalidClient extends OAuthError {
  readonly error = 'invalid_client' as const
  override readonly status: number
  constructor(description: string, options: OAuthErrorOptions & { viaAuthorizationHeader?: boolean } = {}) {
    const headers = { ...options.headers }
    if (options.viaAuthorizationHeader) headers['WWW-Authenticate'] = 'Basic realm="token", charset="UTF-8"'
    super(description, { ...options, headers })
    this.status = 401
  }
}

/** RFC 6749 §5.2 */
export class InvalidGrant extends OAuthError {
  readonly error = 'invalid_grant' as const
}

/** RFC 6749 §4.1.2.1 / §5.2 */
export class UnauthorizedClient extends OAuthError {
  readonly error = 'unauthorized_client' as const
}

/** RFC 6749 §5.2 */
export class UnsupportedGrantType extends OAuthError {
  readonly error = 'unsupported_grant_type' as const
}

/** RFC 6749 §4.1.2.1 */
export class UnsupportedResponseType extends OAuthError {
  readonly error = 'unsupported_response_type' as const
}

/** RFC 6749 §4.1.2.1 / §5.2 */
export class InvalidScope extends OAuthError {
  readonly error = 'invalid_scope' as const
}

/** RFC 6749 §4.1.2.1: the resource owner or authorization server denied the request. */
export class AccessDenied extends OAuthError {
  readonly error = 'access_denied' as const
  override readonly status = 403
}

/** RFC 6749 §4.1.2.1 / §5.2; used only for genuine internal failures. */
export class ServerError extends OAuthError {
  readonly error = 'server_error' as const
  override readonly status = 500
}

/** RFC 6749 §4.1.2.1 */
export class TemporarilyUnavailable extends OAuthError {
  readonly error = 'temporarily_unavailable' as const
  override readonly status = 503
}

/** RFC 6750 §3.1: 401 with `WWW-Authenticate: Bearer error="invalid_token"`. */
export class InvalidToken extends OAuthError {
  readonly error = 'invalid_token' as const
  override readonly status = 401
  constructor(description: string, options: OAuthErrorOptions = {}) {
    super(description, {
      ...options,
      headers: { ...options.headers, 'WWW-Authenticate': bearerChallenge('invalid_token', description) },
    })
  }
}

/**
 * RFC 6750 §3.1: a request with no token at all gets a bare challenge and "SHOULD NOT include an
 * error code or other error information". Answered as 401 `invalid_token` in the body only.
 */
export class MissingBearerToken extends OAuthError {
  readonly error = 'invalid_token' as const
  override readonly status = 401
  constructor(description = 'no access token was presented') {
    super(description, { headers: { 'WWW-Authenticate': 'Bearer realm="userinfo"' } })
  }
}

/** RFC 6750 §3.1 */
export class InsufficientScope extends OAuthError {
  readonly error = 'insufficient_scope' as const
  override readonly status = 403
  constructor(description: string, options: OAuthErrorOptions = {}) {
    super(description, {
      ...options,
      headers: { ...options.headers, 'WWW-Authenticate': bearerChallenge('insufficient_scope', description) },
    })
  }
}

/** OIDC Core §3.1.2.6 */
export class LoginRequired extends OAuthError {
  readonly error = 'login_required' as const
}

/** OIDC Core §3.1.2.6 */
export class ConsentRequired extends OAuthError {
  readonly error = 'consent_required' as const
}

/** OIDC Core §3.1.2.6 */
export class RequestNotSupported extends OAuthError {
  readonly error = 'request_not_supported' as const
}

/** OIDC Core §3.1.2.6 */
export class RequestUriNotSupported extends OAuthError {
  readonly error = 'request_uri_not_supported' as const
}

export function bearerChallenge(error: string, description: string): string {
  // RFC 6750 §3: the error_description value must not contain '"' or '\'.
  const safe = description.replace(/["\\]/g, "'")
  return `Bearer realm="userinfo", error="${error}", error_description="${safe}"`
}

/**
 * RFC 6749 §4.1.2.1 and §5.2: "Values for the "error_description" parameter MUST NOT include
 * characters outside the set %x20-21 / %x23-5B / %x5D-7E." "§" becomes the word "section",
 * quotes apostrophes, backslashes slashes, anything else "?". Used for JSON error bodies and
 * for error redirects alike.
 */
export function errorDescriptionValue(description: string): string {
  return description
    .replace(/§\s?/g, 'section ')
    .replace(/"/g, "'")
    .replace(/\\/g, '/')
    .replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '?')
}
