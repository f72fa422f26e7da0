/** The shape of a grant at the token endpoint: an authenticated client and its parameters in, tokens out. */
import type { ClientConfig } from '../config/schema.js'
import type { EndpointUrls } from '../endpoint-urls.js'
import type { Params } from '../http/params.js'
import type { Provider } from '../provider.js'
import type { TokenResponse } from '../tokens/token-response.js'

export interface GrantRequest {
  provider: Provider
  params: Params
  /** Already authenticated (client-auth/authenticate-client.ts) and allowed this grant type. */
  client: ClientConfig
  issuer: string
  urls: EndpointUrls
}

export type GrantHandler = (request: GrantRequest) => Promise<TokenResponse>
