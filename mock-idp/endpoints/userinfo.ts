/**
 * The UserInfo endpoint (OIDC Core §5.3), a protected resource under RFC 6750.
 *
 * The access token arrives in the Authorization header (RFC 6750 §2.1) or, on POST, in a form body
 * (§2.2). The URI query method (§2.3) is not supported: RFC 9700 §4.3.2 says access tokens "MUST
 * NOT" be passed in the query, and a token in the query is refused with invalid_request rather than
 * ignored, so the client learns why.
 */
import { flowRefusal } from '../behaviours/request-behaviours.js'
import type { RuleSet } from '../behaviours/rules.js'
import { bearerChallenge, InsufficientScope, InvalidRequest, InvalidToken, MissingBearerToken } from '../errors.js'
import { noStoreJson } from '../http/endpoint-result.js'
import { Params } from '../http/params.js'
import type { ParsedRequest } from '../http/parsed-request.js'
import { findAccessToken } from '../tokens/access-token.js'
import { claimsForScope } from '../tokens/claims.js'
import type { Endpoint } from './endpoint.js'

export const userinfo: Endpoint = async (context) => {
  const { provider, request, behaviours } = context
  const token = bearerToken(request, provider.config.limits.maxParameterLength, behaviours)
  const lookup = await findAccessToken(provider, token)
  // RFC 6750 §3.1: invalid_token "The access token provided is expired, revoked, malformed, or
  // invalid for other reasons. The resource SHOULD respond with the HTTP 401 (Unauthorized)".
  if (!lookup.active) throw new InvalidToken(lookup.reason)
  const { record } = lookup
  // The token names the flow: its client's behaviours and those its authorization request named
  // apply from here on, as they did at the token endpoint, `request` ones included (until the token
  // was read, the request named no client).
  const refusal = await flowRefusal(context, record.clientId, record.behaviours)
  if (refusal) throw refusal
  // OIDC Core §5.3: the access token is one "obtained through OpenID Connect Authentication",
  // i.e. granted the openid scope; RFC 6750 §3.1: insufficient_scope, 403.
  if (behaviours.enforces('userinfo-openid-scope-required') && !record.scope.includes('openid')) {
    throw new InsufficientScope('the access token was not granted the "openid" scope required by UserInfo')
  }
  // OIDC Core §5.3.2: "The sub Claim in the UserInfo Response MUST be verified to exactly match the
  // sub Claim in the ID Token" — both come from the grant's subject, through the same seam.
  return noStoreJson({
    ...claimsForScope(provider, record.sub, record.scope),
    sub: behaviours.applySubject(record.sub),
  })
}

/**
 * RFC 6750 §2: "Clients MUST NOT use more than one method to transmit the token in each request."
 * No token at all is a MissingBearerToken: §3.1 says such a request "SHOULD NOT include an error
 * code or other error information" in the challenge. The URI query counts as a method only when a
 * behaviour waives 'userinfo-query-token-refused'.
 */
export function bearerToken(request: ParsedRequest, maxLength: number, behaviours: RuleSet): string {
  let fromQuery: string | undefined
  if (request.query.has('access_token')) {
    if (behaviours.enforces('userinfo-query-token-refused')) {
      throw invalidRequest(
        'an access token in the URI query is not supported; send it in the Authorization header (RFC 6750 §2.1; RFC 9700 §4.3.2)',
      )
    }
    fromQuery = new Params(request.query, maxLength).get('access_token')
  }
  const fromHeader = headerToken(request.headers.get('authorization'))
  const fromBody = bodyToken(request, maxLength)
  const methods = [fromHeader, fromBody, fromQuery].filter((token) => token !== undefined)
  if (methods.length > 1 && behaviours.enforces('userinfo-single-token-method')) {
    throw invalidRequest(
      fromQuery === undefined
        ? 'the access token was sent both in the Authorization header and in the body; use one method (RFC 6750 §2)'
        : 'the access token was sent by more than one method (header, body, URI query); use one (RFC 6750 §2)',
    )
  }
  const token = fromHeader ?? fromBody ?? fromQuery
  if (token === undefined) throw new MissingBearerToken()
  return token
}

/** RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110 §11.1). */
function headerToken(authorization: string | null): string | undefined {
  if (authorization === null) return undefined
  const match = /^(\S+)(?: +(.*))?$/.exec(authorization.trim())
  if (!match || match[1]!.toLowerCase() !== 'bearer') return undefined
  const token = match[2]?.trim()
  if (!token || !/^[A-Za-z0-9\-._~+/]+=*$/.test(token)) {
    throw invalidRequest('the Authorization header must be "Bearer" followed by one b64token (RFC 6750 §2.1)')
  }
  return token
}

/** RFC 6750 §2.2: only a single-part application/x-www-form-urlencoded body of a non-GET request. */
function bodyToken(request: ParsedRequest, maxLength: number): string | undefined {
  if (request.method === 'GET' || request.contentType !== 'application/x-www-form-urlencoded') return undefined
  if (request.bodyText === undefined || request.bodyText === '') return undefined
  return new Params(new URLSearchParams(request.bodyText), maxLength).get('access_token')
}

function invalidRequest(description: string): InvalidRequest {
  return new InvalidRequest(description, {
    headers: { 'WWW-Authenticate': bearerChallenge('invalid_request', description) },
  })
}
