/** Behaviours of the UserInfo endpoint (OIDC Core §5.3; RFC 6750). */
import { bearerChallenge, InvalidRequest, MissingBearerToken } from '../../errors.js'
import type { EndpointResult } from '../../http/endpoint-result.js'
import { behaviours } from '../behaviour.js'

/** The claims of a successful UserInfo answer, or undefined for anything else. */
function claimsOf(result: EndpointResult): Record<string, unknown> | undefined {
  if (result.kind !== 'json' || result.status !== 200) return undefined
  const { body } = result
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined
}

/** A successful UserInfo answer with its claims replaced. */
function withClaims(result: EndpointResult, edit: (claims: Record<string, unknown>) => Record<string, unknown>) {
  const claims = claimsOf(result)
  return claims === undefined ? result : { ...result, body: edit({ ...claims }) }
}

/** The `WWW-Authenticate` header of a result, whatever the case of its name. */
function challengeOf(result: EndpointResult): string | undefined {
  const entry = Object.entries(result.headers ?? {}).find(([name]) => name.toLowerCase() === 'www-authenticate')
  return entry?.[1]
}

/** The result's headers without `WWW-Authenticate`, plus `extra`. */
function headersWithout(result: EndpointResult, extra: Record<string, string> = {}): Record<string, string> {
  const kept = Object.entries(result.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'www-authenticate')
  return { ...Object.fromEntries(kept), ...extra }
}

/** A refusal of POST, as a server that implemented GET only would answer it. */
class PostNotSupported extends InvalidRequest {
  override readonly status = 405
}

export const userinfoBehaviours = behaviours([
  // The claims (OIDC Core §5.3.2, §5.1, §5.4).
  {
    id: 'userinfo-sub-omitted',
    description: 'Leaves sub out of the UserInfo response.',
    violates: ['OIDCC-5.3.2'],
    level: 'MUST',
    client:
      'Do not use the UserInfo response: "The sub (subject) Claim MUST always be returned in the UserInfo Response" and it must match the ID token\'s (OIDC Core §5.3.2).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) =>
      withClaims(result, (claims) => {
        delete claims.sub
        return claims
      }),
  },
  {
    id: 'userinfo-sub-differs',
    description: "Answers UserInfo with a sub other than the ID token's.",
    violates: ['OIDCC-5.3.2'],
    level: 'MUST',
    client:
      'Discard the UserInfo response: "if they do not match, the UserInfo Response values MUST NOT be used" (OIDC Core §5.3.2).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) => withClaims(result, (claims) => ({ ...claims, sub: `${String(claims.sub)}-someone-else` })),
  },
  {
    id: 'userinfo-not-json',
    description: 'Sends the UserInfo claims with Content-Type text/plain instead of application/json.',
    violates: ['OIDCC-5.3.2'],
    level: 'MUST',
    client:
      'Refuse a UserInfo response that is neither application/json nor a signed or encrypted JWT the client registered for (OIDC Core §5.3.2).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) => {
      const claims = claimsOf(result)
      if (claims === undefined) return result
      return {
        kind: 'html',
        status: 200,
        html: JSON.stringify(claims),
        headers: { ...result.headers, 'Content-Type': 'text/plain; charset=utf-8' },
      }
    },
  },
  {
    id: 'userinfo-claim-types-wrong',
    description: 'Sends email_verified and phone_number_verified as strings and updated_at as a date string.',
    violates: ['OIDCC-5.1'],
    level: 'MUST',
    client:
      'Do not read the string "true" as a verified e-mail address: email_verified is a JSON boolean and updated_at a JSON number (OIDC Core §5.1).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) =>
      withClaims(result, (claims) => {
        for (const name of ['email_verified', 'phone_number_verified']) {
          if (name in claims) claims[name] = String(claims[name])
        }
        if (typeof claims.updated_at === 'number') claims.updated_at = new Date(claims.updated_at * 1000).toISOString()
        return claims
      }),
  },
  {
    id: 'userinfo-scope-claims-omitted',
    description:
      'Answers UserInfo with sub only, whatever profile, email, address or phone scope the token was granted.',
    violates: ['OIDCC-5.4'],
    level: 'SHOULD',
    client:
      'Cope with missing claims (they may be withheld), but report a provider that never releases the claims of granted scopes (OIDC Core §5.4).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) => withClaims(result, (claims) => ({ sub: claims.sub })),
  },
  // How the token is sent (RFC 6750 §2; OIDC Core §5.3.1; RFC 9110 §11.1).
  {
    id: 'userinfo-post-refused',
    description: 'Refuses POST at the UserInfo endpoint with 405, answering GET only.',
    violates: ['OIDCC-5.3.1'],
    level: 'MUST',
    client:
      'Nothing a client that uses GET sees; one that uses POST fails although "The UserInfo Endpoint MUST support the use of the HTTP GET and HTTP POST methods" (OIDC Core §5.3).',
    seam: 'request',
    endpoints: ['userinfo'],
    apply: ({ request }) =>
      request.method.toUpperCase() === 'POST'
        ? new PostNotSupported('POST is not supported at the UserInfo endpoint; use GET', { headers: { Allow: 'GET' } })
        : undefined,
  },
  {
    id: 'userinfo-bearer-scheme-case-sensitive',
    description: 'Ignores an Authorization header whose scheme is not written exactly "Bearer" (e.g. "bearer").',
    violates: ['RFC9110-11.1'],
    level: 'MUST',
    client:
      'Nothing a client that writes "Bearer" sees; one that writes "bearer" is refused although the scheme is case-insensitive (RFC 9110 §11.1).',
    seam: 'request',
    endpoints: ['userinfo'],
    apply: ({ request }) => {
      const scheme = /^\s*(\S+)/.exec(request.headers.get('authorization') ?? '')?.[1]
      return scheme !== undefined && scheme !== 'Bearer' && scheme.toLowerCase() === 'bearer'
        ? new MissingBearerToken()
        : undefined
    },
  },
  {
    id: 'userinfo-query-token-accepted',
    description: 'Accepts an access token in the access_token query parameter of a UserInfo request.',
    violates: ['RFC6750-2.3'],
    level: 'SHOULD',
    client:
      'Never send access tokens in the URI query: they end up in logs and browser history (RFC 9700 §4.3.2; RFC 6750 §2.3).',
    seam: 'validation',
    waives: 'userinfo-query-token-refused',
  },
  {
    id: 'userinfo-multiple-methods-accepted',
    description:
      'Accepts a UserInfo request that carries the access token in both the Authorization header and the body.',
    violates: ['RFC6750-2'],
    level: 'MUST',
    client:
      'Nothing a client sees when it behaves; send the token by one method only, "Clients MUST NOT use more than one method" (RFC 6750 §2).',
    seam: 'validation',
    waives: 'userinfo-single-token-method',
  },
  {
    id: 'userinfo-without-openid-accepted',
    description: 'Serves UserInfo claims for an access token that was granted without the openid scope.',
    violates: ['OIDCC-5.3'],
    level: 'SHOULD',
    client:
      'Nothing a client sees when it behaves; call UserInfo only with tokens from an OpenID Connect request (scope openid; OIDC Core §5.3).',
    seam: 'validation',
    waives: 'userinfo-openid-scope-required',
  },
  // Refusals (RFC 6750 §3, §3.1; OIDC Core §5.3.3).
  {
    id: 'userinfo-challenge-omitted',
    description: 'Refuses UserInfo requests with 401 but without a WWW-Authenticate header.',
    violates: ['RFC6750-3'],
    level: 'MUST',
    client:
      'Treat a 401 from UserInfo as a refusal of the token even without a challenge, and fetch a new token; the resource server "MUST include the HTTP WWW-Authenticate response header field" (RFC 6750 §3).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) =>
      result.status === 401 && challengeOf(result) !== undefined
        ? { ...result, headers: headersWithout(result) }
        : result,
  },
  {
    id: 'userinfo-no-token-error-code',
    description: 'Answers a UserInfo request that sent no token with a challenge carrying error="invalid_token".',
    violates: ['RFC6750-3.1'],
    level: 'SHOULD',
    client:
      'Read a 401 challenge without relying on its error code: a request without a token "SHOULD NOT" get one (RFC 6750 §3.1).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) => {
      const challenge = challengeOf(result)
      if (result.status !== 401 || challenge === undefined || /\berror=/.test(challenge)) return result
      return {
        ...result,
        headers: headersWithout(result, {
          'WWW-Authenticate': bearerChallenge('invalid_token', 'no access token was presented'),
        }),
      }
    },
  },
  {
    id: 'userinfo-invalid-token-status-400',
    description: 'Refuses an unknown, expired or revoked access token with HTTP 400 instead of 401.',
    violates: ['RFC6750-3.1'],
    level: 'SHOULD',
    client:
      'Treat error="invalid_token" as a dead token whatever the status: fetch a new one (RFC 6750 §3.1 says the status SHOULD be 401).',
    seam: 'response',
    endpoints: ['userinfo'],
    apply: (result) =>
      result.status === 401 && /\berror="invalid_token"/.test(challengeOf(result) ?? '')
        ? { ...result, status: 400 }
        : result,
  },
])
