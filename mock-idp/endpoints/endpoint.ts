/** The shape every endpoint has: a parsed request in, an EndpointResult out, no HTTP in between. */

import type { EndpointUrls } from '../endpoint-urls.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { ParsedRequest } from '../http/parsed-request.js'
import type { Provider } from '../provider.js'

export interface EndpointContext {
  provider: Provider
  request: ParsedRequest
  /** The issuer for this request (see `issuerFor`). */
  issuer: string
  urls: EndpointUrls
}

export type Endpoint = (context: EndpointContext) => Promise<EndpointResult>
