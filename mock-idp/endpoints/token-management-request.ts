/**
 * The request both token-management endpoints read (RFC 7009 §2.1, RFC 7662 §2.1): a form with
 * "token" REQUIRED and "token_type_hint" OPTIONAL, from a client that authenticates as at the
 * token endpoint, and the active token it names. The hint only decides where to look first
 * (RFC 7009 §2.1: "If the server is unable to locate the token using the given hint, it MUST extend
 * its search across all of its supported token types").
 */

import { authenticateClient } from '../client-auth/authenticate-client.js'
import type { ClientConfig } from '../config/client-schema.js'
import { Params } from '../http/params.js'
import { formBody } from '../http/parsed-request.js'
import type { RequestContext } from '../request-context.js'
import { type LocatedToken, locateActiveToken } from '../tokens/locate-token.js'

export interface TokenManagementRequest {
  /** Undefined when a behaviour waives client authentication: the caller is nobody in particular. */
  client: ClientConfig | undefined
  token: string
  /** The active access or refresh token the request names; undefined for an unknown, expired or revoked one. */
  located: LocatedToken | undefined
}

/**
 * `enforce` says which of the endpoint's own rules are in force (a behaviour may waive them):
 * `clientAuthentication`, and `hintFallback` — search every token type, not only the hinted one.
 */
export async function readTokenManagementRequest(
  context: RequestContext,
  enforce: { clientAuthentication: boolean; hintFallback: boolean },
): Promise<TokenManagementRequest> {
  const { provider, request } = context
  const params = new Params(formBody(request), provider.config.limits.maxParameterLength)
  const client = enforce.clientAuthentication ? authenticateClient(context, params).client : undefined
  const token = params.require('token')
  const located = await locateActiveToken(provider, token, params.get('token_type_hint'), enforce.hintFallback)
  return { client, token, located }
}
