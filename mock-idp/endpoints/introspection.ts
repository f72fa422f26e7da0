/**
 * Token introspection (RFC 7662), for the clients this provider knows.
 *
 * RFC 7662 §2.1: "the endpoint MUST also require some form of authorization to access this
 * endpoint": the same client authentication as the token endpoint (the methods discovery
 * advertises, `none` included — a public client can then only learn about tokens issued to it,
 * which it already holds).
 *
 * RFC 7662 §2.2 leaves the audience policy to the server: a token issued to another client is
 * reported `{"active": false}`, exactly as an unknown one, so introspection cannot be used to probe
 * other clients' tokens. Inactive answers carry nothing else (§2.2: "the authorization server
 * SHOULD NOT include any additional information about an inactive token").
 */
import { noStoreJson } from '../http/endpoint-result.js'
import type { Endpoint } from './endpoint.js'
import { readTokenManagementRequest } from './token-management-request.js'

export const introspection: Endpoint = async (context) => {
  const { provider, issuer, urls, behaviours } = context
  // Without authorization (a behaviour waiving it) anyone may ask about any token.
  const { client, located } = await readTokenManagementRequest(context, {
    clientAuthentication: behaviours.enforces('introspection-client-authentication'),
    hintFallback: behaviours.enforces('introspection-hint-fallback'),
  })
  if (!located || (client && located.record.clientId !== client.client_id)) return noStoreJson({ active: false })

  const { record } = located
  const username = provider.users.bySub(record.sub)?.username
  return noStoreJson({
    active: true,
    scope: record.scope.join(' '),
    client_id: record.clientId,
    ...(username !== undefined && { username }),
    // RFC 7662 §2.2: token_type is the access token type of RFC 6749 §5.1; a refresh token has
    // none, so the member is left out for it.
    ...(located.type === 'access_token' && { token_type: 'Bearer' }),
    exp: record.expiresAt,
    iat: record.issuedAt,
    sub: record.sub,
    // The access token's audience is the UserInfo endpoint, as in JWT access tokens (RFC 9068 §3).
    ...(located.type === 'access_token' && { aud: urls.userinfo }),
    iss: issuer,
    ...(located.type === 'access_token' && { jti: located.record.jti }),
  })
}
