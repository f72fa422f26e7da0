/**
 * The mock's named validation rules: the ones a `validation` behaviour can switch off. An endpoint
 * enforces a rule with `if (context.behaviours.enforces('rule-name'))`, so the deviation lives in
 * the behaviour's data and the enforcing code names what it enforces. Each entry says where the
 * rule comes from. Grouped by area.
 */

const authorizationRules = {
  'redirect-uri-exact-match':
    'RFC 6749 §3.1.2.3: redirect_uri is compared with the registered ones by simple string comparison',
  'redirect-uri-no-prefix-match':
    'RFC 9700 §4.1.3: a redirect_uri that merely begins with a registered one (longer path, added query) does not match',
  'redirect-uri-query-compared': 'RFC 9700 §2.1: exact string matching includes the query component of redirect_uri',
  'redirect-uri-case-sensitive': 'RFC 6749 §3.1.2.3: simple string comparison is case-sensitive (RFC 3986 §6.2.1)',
  'redirect-uri-no-fragment': 'RFC 6749 §3.1.2: the redirection endpoint URI MUST NOT include a fragment component',
  'redirect-uri-required': 'OIDC Core §3.1.2.1: redirect_uri REQUIRED',
  'unknown-client-not-redirected':
    'RFC 6749 §4.1.2.1: if the client identifier is invalid, the server MUST NOT automatically redirect the user-agent',
  'missing-client-not-redirected':
    'RFC 6749 §4.1.2.1: if the client identifier is missing, the server MUST NOT automatically redirect the user-agent',
  'parameters-not-repeated': 'RFC 6749 §3.1: request and response parameters MUST NOT be included more than once',
  'response-type-required': 'RFC 6749 §3.1.1: a request missing the response_type parameter gets an error response',
  'response-type-understood': 'RFC 6749 §3.1.1: a response type that is not understood gets an error response',
  'request-object-refused':
    'OIDC Core §3.1.2.6: an OP that does not support request or request_uri answers request_not_supported / request_uri_not_supported',
  'response-mode-default-query':
    'OAuth 2.0 Multiple Response Types §5: the default Response Mode for the code Response Type is the query encoding',
  'response-mode-honoured':
    'OAuth 2.0 Form Post Response Mode §2: response_mode=form_post delivers the response as an auto-submitted POST',
  'error-description-charset':
    'RFC 6749 §4.1.2.1: error_description MUST NOT include characters outside %x20-21 / %x23-5B / %x5D-7E',
} as const

const sessionRules = {
  'prompt-none-no-ui':
    'OIDC Core §3.1.2.1: with prompt=none the Authorization Server MUST NOT display any authentication or consent user interface pages',
  'prompt-none-uses-session':
    'OIDC Core §3.1.2.1: prompt=none answers from the existing session; an error is returned only if the End-User is not already authenticated',
  'prompt-none-alone': 'OIDC Core §3.1.2.1: if prompt contains none with any other value, an error is returned',
  'prompt-login-reauthenticates':
    'OIDC Core §3.1.2.1: prompt=login: the Authorization Server SHOULD prompt the End-User for reauthentication',
  'prompt-consent-asks':
    'OIDC Core §3.1.2.1: prompt=consent: the Authorization Server SHOULD prompt the End-User for consent',
  'max-age-reauthenticates':
    'OIDC Core §3.1.2.1: if the elapsed time is greater than max_age, the OP MUST attempt to actively re-authenticate the End-User',
  'max-age-zero-reauthenticates':
    'OIDC Core §3.1.2.1: with max_age=0 any elapsed time is greater, so the End-User logs in again',
  'max-age-keeps-recent-login':
    'OIDC Core §3.1.2.1: re-authentication is for an elapsed time greater than max_age; a login within it is kept (auth_time unchanged)',
  'id-token-hint-subject-match':
    'OIDC Core §3.1.2.1: an id_token_hint for another End-User than the one logged in SHOULD return an error, such as login_required',
} as const

const codeRules = {
  'code-single-use': 'RFC 6749 §4.1.2: an authorization code used more than once is refused',
  'code-redemption-atomic':
    'RFC 6749 §4.1.2: a code is single-use, so of concurrent redemptions of one code exactly one succeeds',
  'code-reuse-revokes-grant':
    'RFC 6749 §4.1.2: on reuse the server SHOULD revoke all tokens previously issued based on that code',
  'code-unknown-is-invalid-grant': 'RFC 6749 §5.2: a code the server never issued is refused with invalid_grant',
  'code-parameter-required': 'RFC 6749 §4.1.3: "code" is REQUIRED; a request without it is invalid_request',
  'code-type-checked':
    'RFC 6749 §5.2: only an authorization code is redeemed as "code", never an access or refresh token',
  'code-bound-to-client': 'RFC 6749 §4.1.3: the code was issued to the authenticated client',
  'code-redirect-uri-identical': 'RFC 6749 §4.1.3: redirect_uri is identical to the one in the authorization request',
  'code-redirect-uri-required': 'RFC 6749 §4.1.3: redirect_uri is REQUIRED if the authorization request included it',
} as const

const tokenRules = {
  'token-post-only': 'RFC 6749 §3.2: the client MUST use the HTTP POST method at the token endpoint',
  'token-form-body': 'RFC 6749 §4.1.3: the token request body is application/x-www-form-urlencoded',
  'token-parameters-once': 'RFC 6749 §3.2: request parameters MUST NOT be included more than once',
  'grant-type-required': 'RFC 6749 §4.1.3: grant_type is REQUIRED',
  'password-grant-refused': 'RFC 9700 §2.4: the resource owner password credentials grant MUST NOT be used',
  'access-token-short-lived': 'RFC 6750 §5.3: token servers SHOULD issue short-lived (one hour or less) bearer tokens',
} as const

const clientAuthRules = {
  'basic-credentials-form-decoded':
    'RFC 6749 §2.3.1: the client_id and secret in HTTP Basic are form-urlencoded, so the server decodes them',
  'client-secret-checked': 'RFC 6749 §2.3.1: a client issued a password authenticates with that password',
  'confidential-client-authenticated': 'RFC 6749 §4.1.3: client authentication is required for confidential clients',
  'client-id-is-authenticated-client': 'RFC 6749 §3.2.1: a client_id in the body names the client that authenticated',
  'public-client-id-required': 'RFC 6749 §4.1.3: client_id is REQUIRED if the client is not authenticating',
  'client-credentials-not-in-uri': 'RFC 6749 §2.3.1: client credentials MUST NOT be included in the request URI',
  'one-client-auth-method':
    'RFC 6749 §2.3: the client MUST NOT use more than one authentication method in each request',
  'registered-client-auth-method': 'OIDC Core §9: a client authenticates with the method it registered',
} as const

const pkceRules = {
  'pkce-required': 'RFC 9700 §2.1.1: public clients MUST use PKCE and authorization servers MUST enforce it',
  'pkce-method-supported': 'RFC 7636 §4.4.1: an unsupported code_challenge_method is invalid_request',
  'pkce-method-defaults-to-plain': 'RFC 7636 §4.3: code_challenge_method defaults to "plain" if not present',
  'pkce-plain-policy': 'RFC 7636 §4.2: "plain" is refused unless this server allows it (pkce.allowPlain)',
  'pkce-challenge-syntax': 'RFC 7636 §4.2: code_challenge is 43 to 128 characters of the unreserved set',
  'pkce-verifier-syntax': 'RFC 7636 §4.1: code-verifier = 43*128unreserved',
  'pkce-verifier-required':
    'RFC 7636 §4.5: code_verifier is REQUIRED when the authorization request had a code_challenge',
  'pkce-downgrade-refused':
    'RFC 9700 §2.1.1: a code_verifier is accepted only if the authorization request had a code_challenge',
  'pkce-method-bound':
    'RFC 7636 §4.6: the verifier is transformed with the code_challenge_method of the authorization request',
  'pkce-s256-base64url': 'RFC 7636 §4.2: S256 is BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))',
  'pkce-verifier-matches': 'RFC 7636 §4.6: a code_verifier that does not match the code_challenge is invalid_grant',
} as const

const idTokenRules = {} as const

const userinfoRules = {
  'userinfo-query-token-refused':
    'RFC 9700 §4.3.2: access tokens are not accepted in the URI query (RFC 6750 §2.3 "SHOULD NOT be used")',
  'userinfo-single-token-method':
    'RFC 6750 §2: "Clients MUST NOT use more than one method to transmit the token in each request"',
  'userinfo-openid-scope-required':
    'OIDC Core §5.3: UserInfo serves access tokens "obtained through OpenID Connect Authentication" (scope openid)',
} as const

const refreshRules = {
  'refresh-client-authentication':
    'RFC 6749 §6: a confidential client MUST authenticate with the authorization server to refresh',
  'refresh-token-client-binding':
    'RFC 6749 §6, §10.4: the server MUST ensure that the refresh token was issued to the authenticated client',
  'refresh-token-rotation':
    'RFC 9700 §4.14.2: refresh tokens for public clients MUST be sender-constrained or use refresh token rotation',
  'refresh-token-invalidated-on-rotation':
    'RFC 9700 §4.14.2: with rotation, the previous refresh token is invalidated but retained by the authorization server',
  'refresh-reuse-revokes-grant':
    'RFC 9700 §4.14.2: when an invalidated refresh token is presented, the authorization server will revoke the active refresh token',
  'refresh-scope-narrowing':
    'RFC 6749 §6: "scope": the scope of the access request, which may be narrower than the grant',
  'refresh-scope-no-widening':
    'RFC 6749 §6: the requested scope MUST NOT include any scope not originally granted by the resource owner',
  'refresh-token-keeps-scope':
    'RFC 6749 §6: the scope of a new refresh token MUST be identical to that of the refresh token included in the request',
} as const

const revocationRules = {
  'revocation-client-authentication': 'RFC 7009 §2.1: the authorization server first validates the client credentials',
  'revocation-token-bound-to-client':
    'RFC 7009 §2.1: the server verifies whether the token was issued to the client making the revocation request',
  'revocation-revokes-refresh-tokens': 'RFC 7009 §2: implementations MUST support the revocation of refresh tokens',
  'revocation-cascades-to-grant':
    'RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate all access tokens based on the same authorization grant',
  'revocation-hint-fallback':
    'RFC 7009 §2.1: unable to locate the token using the given hint, the server MUST extend its search across all of its supported token types',
  'revocation-invalid-token-200': 'RFC 7009 §2.2: invalid tokens do not cause an error response',
} as const

const introspectionRules = {
  'introspection-client-authentication':
    'RFC 7662 §2.1: to prevent token scanning attacks, the endpoint MUST also require some form of authorization',
  'introspection-hint-fallback':
    'RFC 7662 §2.1: unable to locate the token using the given hint, the server MUST extend its search across all of its supported token types',
} as const

const logoutRules = {
  'post-logout-redirect-uri-registered':
    'RP-Initiated Logout §3: the OP MUST NOT redirect to a post_logout_redirect_uri that is not registered for the client',
  'post-logout-redirect-uri-exact-match':
    'RP-Initiated Logout §3: post_logout_redirect_uri must exactly match one of the registered post_logout_redirect_uris',
  'logout-hint-signature-verified':
    'RP-Initiated Logout §2: the OP MUST validate that it was the issuer of the ID Token',
  'logout-hint-signed':
    'RP-Initiated Logout §2, §4: an unsigned (alg "none") id_token_hint proves nothing about its issuer',
  'logout-without-hint-untrusted':
    'RP-Initiated Logout §2, §3: without id_token_hint the OP MUST ask the End-User and MUST NOT redirect to an unidentified client',
  'logout-ends-session': 'RP-Initiated Logout §2: the OP MUST log out the End-User',
} as const

export const RULES = {
  ...authorizationRules,
  ...sessionRules,
  ...codeRules,
  ...tokenRules,
  ...clientAuthRules,
  ...pkceRules,
  ...idTokenRules,
  ...userinfoRules,
  ...refreshRules,
  ...revocationRules,
  ...introspectionRules,
  ...logoutRules,
} as const satisfies Record<string, string>

export type Rule = keyof typeof RULES

/** What code that enforces rules needs of the behaviours in force (ActiveBehaviours satisfies it). */
export interface RuleSet {
  enforces(rule: Rule): boolean
}

/** Every rule enforced: the default for code called outside a request (unit tests, tools). */
export const ENFORCE_ALL: RuleSet = { enforces: () => true }
