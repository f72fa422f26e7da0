/**
 * The token endpoint (RFC 6749 §3.2, §4.1.3, §5, §6; OIDC Core §3.1.3).
 *
 * Processing order:
 *   1. body: application/x-www-form-urlencoded (token-body.ts; POST is enforced by routing)
 *   2. client authentication (client-auth/)
 *   3. grant_type: present, supported, registered for this client
 *   4. the grant (grants/) issues the tokens
 *
 * Every answer, success or error, carries `Cache-Control: no-store` and `Pragma: no-cache`
 * (RFC 6749 §5.1; the error boundary in http/respond.ts adds them to errors).
 */
import { authenticateClient } from '../client-auth/authenticate-client.js'
import { InvalidRequest, UnauthorizedClient, UnsupportedGrantType } from '../errors.js'
import { authorizationCodeGrant } from '../grants/authorization-code.js'
import type { GrantHandler } from '../grants/grant-handler.js'
import { refreshTokenGrant } from '../grants/refresh-token.js'
import { noStoreJson } from '../http/endpoint-result.js'
import { Params } from '../http/params.js'
import type { Endpoint } from './endpoint.js'
import { tokenRequestBody } from './token-body.js'

/** The supported grants; discovery's grant_types_supported lists the same two. */
const GRANTS: Record<string, GrantHandler> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
}

export const token: Endpoint = async ({ provider, request, issuer, urls }) => {
  const params = new Params(tokenRequestBody(request, provider.config), provider.config.limits.maxParameterLength)
  const { client } = authenticateClient(provider, request, params)

  const grantType = params.get('grant_type')
  if (grantType === undefined) throw new InvalidRequest('"grant_type" parameter is missing')
  const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
  // RFC 6749 §5.2: unsupported_grant_type "The authorization grant type is not supported by the
  // authorization server."
  if (!grant) {
    throw new UnsupportedGrantType(
      `grant_type "${grantType}" is not supported; supported: ${Object.keys(GRANTS).join(', ')}`,
    )
  }
  // RFC 6749 §5.2: unauthorized_client "The authenticated client is not authorized to use this
  // authorization grant type."
  if (!(client.grant_types as string[]).includes(grantType)) {
    throw new UnauthorizedClient(
      `client "${client.client_id}" is not registered for grant_type "${grantType}" (registered: ${client.grant_types.join(', ')})`,
    )
  }
  return noStoreJson(await grant({ provider, params, client, issuer, urls }))
}
