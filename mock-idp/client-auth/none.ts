/**
 * `none` (OIDC Core §9): a public client (RFC 6749 §2.1) identifies itself with `client_id` alone.
 *
 * RFC 6749 §3.2.1: "A client MAY use the "client_id" request parameter to identify itself when
 * sending requests to the token endpoint." Nothing is proven: a public client's code is protected
 * by PKCE instead (RFC 9700 §2.1.1), which is why PKCE is required for these clients.
 */
import type { Params } from '../http/params.js'
import type { PresentedCredentials } from './presented-credentials.js'

export function readPublicClientId(params: Params): PresentedCredentials | undefined {
  const clientId = params.get('client_id')
  return clientId === undefined ? undefined : { method: 'none', clientId }
}
