/**
 * `client_secret_post` (RFC 6749 §2.3.1; OIDC Core §9): credentials in the form body.
 *
 * RFC 6749 §2.3.1: "Including the client credentials in the request-body using the two parameters
 * is NOT RECOMMENDED and SHOULD be limited to clients unable to directly utilize the HTTP Basic
 * authentication scheme" — supported because clients registered for it exist (OIDC Core §9).
 */
import { InvalidClient } from '../errors.js'
import type { Params } from '../http/params.js'
import type { PresentedCredentials } from './presented-credentials.js'

export function readPostCredentials(params: Params): PresentedCredentials {
  const clientSecret = params.require('client_secret')
  // RFC 6749 §2.3.1: "client_id REQUIRED. The client identifier issued to the client".
  const clientId = params.get('client_id')
  if (clientId === undefined) {
    throw new InvalidClient('client authentication failed: "client_secret" was sent without "client_id"')
  }
  return { method: 'client_secret_post', clientId, clientSecret }
}
