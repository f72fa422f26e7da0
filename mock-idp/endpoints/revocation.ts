/**
 * Token revocation (RFC 7009).
 *
 * RFC 7009 §2.1: "The authorization server first validates the client credentials (in case of a
 * confidential client) and then verifies whether the token was issued to the client making the
 * revocation request. If this validation fails, the request is refused and the client is informed
 * of the error". So another client's live token is refused (400 invalid_grant — RFC 6749 §5.2's
 * code for a grant or refresh token "issued to another client"; RFC 7009 names no code of its own)
 * and stays valid. oidc-provider answers such a request with a silent 200 instead; the RFC asks
 * for the refusal, and OAuch's Revocation.IsBoundToClientTest counts a 200 as a failure.
 *
 * RFC 7009 §2.2: "invalid tokens do not cause an error response since the client cannot handle
 * such an error in a reasonable way" — unknown, expired and already revoked tokens get 200.
 */
import { InvalidGrant, InvalidRequest } from '../errors.js'
import { revokeGrant } from '../grants/grant-revocation.js'
import { NO_STORE } from '../http/endpoint-result.js'
import { storeKey } from '../store/records.js'
import { revokeAccessToken } from '../tokens/access-token.js'
import type { Endpoint } from './endpoint.js'
import { readTokenManagementRequest } from './token-management-request.js'

export const revocation: Endpoint = async (context) => {
  const { provider, behaviours } = context
  // Without client authentication (a behaviour waiving it) the caller is nobody in particular.
  const { client, token, located } = await readTokenManagementRequest(context, {
    clientAuthentication: behaviours.enforces('revocation-client-authentication'),
    hintFallback: behaviours.enforces('revocation-hint-fallback'),
  })

  if (located) {
    if (
      client &&
      located.record.clientId !== client.client_id &&
      behaviours.enforces('revocation-token-bound-to-client')
    ) {
      throw new InvalidGrant(
        `the ${located.type.replace('_', ' ')} was issued to another client; "${client.client_id}" may revoke only its own tokens (RFC 7009 §2.1)`,
      )
    }
    if (located.type === 'access_token') {
      // RFC 7009 §2.1: for an access token the server "MAY revoke the respective refresh token as
      // well" — it does not: a client revoking one access token keeps its session.
      await revokeAccessToken(provider, token)
    } else if (behaviours.enforces('revocation-revokes-refresh-tokens')) {
      // RFC 7009 §2.1: "If the token passed to the request is a refresh token and the authorization
      // server supports the revocation of access tokens, then the authorization server SHOULD also
      // invalidate all access tokens based on the same authorization grant".
      await provider.store.delete(storeKey.refreshToken(token))
      if (behaviours.enforces('revocation-cascades-to-grant')) await revokeGrant(provider, located.record.grantId)
    }
  } else if (!behaviours.enforces('revocation-invalid-token-200')) {
    throw new InvalidRequest('"token" is not a valid token of this server')
  }
  // RFC 7009 §2.2: "The authorization server responds with HTTP status code 200 if the token has
  // been revoked successfully or if the client submitted an invalid token."
  return { kind: 'empty', status: 200, headers: { ...NO_STORE } }
}
