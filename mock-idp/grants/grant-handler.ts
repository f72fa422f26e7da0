/** The shape of a grant at the token endpoint: an authenticated client and its parameters in, tokens out. */
import type { ClientConfig } from '../config/schema.js'
import type { Params } from '../http/params.js'
import type { RequestContext } from '../request-context.js'
import type { TokenResponse } from '../tokens/token-response.js'

export interface GrantRequest {
  context: RequestContext
  params: Params
  /** Already authenticated (client-auth/authenticate-client.ts) and allowed this grant type. */
  client: ClientConfig
}

export type GrantHandler = (request: GrantRequest) => Promise<TokenResponse>
