/** What a request presents to authenticate a client, read by one file per method (RFC 6749 §2.3; OIDC Core §9). */
import type { ClientConfig } from '../config/schema.js'

export type ClientAuthMethod = ClientConfig['token_endpoint_auth_method']

/** What the request claims: a client id, the method used and, for secrets, the secret. */
export interface PresentedCredentials {
  method: ClientAuthMethod
  clientId: string
  clientSecret?: string
}
