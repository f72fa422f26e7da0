/** The shape every endpoint has: a request's context in, an EndpointResult out, no HTTP in between. */
import type { EndpointResult } from '../http/endpoint-result.js'
import type { RequestContext } from '../request-context.js'

export type Endpoint = (context: RequestContext) => Promise<EndpointResult>
