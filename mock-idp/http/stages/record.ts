/**
 * Stage: the exchange kept for `requests()` (recorder.ts): bounded by count and bytes, redacted
 * when read. Every routed request is recorded, answered by its endpoint or not; with a shared
 * store, also for the other instances (control API /requests).
 */
import type { Provider } from '../../provider.js'
import { type RawExchange, storedExchange } from '../../recorder.js'
import type { EndpointResult } from '../endpoint-result.js'
import type { ParsedRequest, RequestSource } from '../parsed-request.js'
import type { ResponseParts } from '../respond.js'
import type { Route } from '../routes.js'

export interface Answered {
  /** Undefined when the request could not be parsed. */
  request: ParsedRequest | undefined
  parts: Pick<ResponseParts, 'status'>
  result: EndpointResult
  /** The OAuth error's JSON, recorded instead of the result when the answer was one. */
  errorBody?: unknown
}

export async function record(
  provider: Provider,
  route: Route,
  source: RequestSource,
  answered: Answered,
): Promise<void> {
  const { request, parts, result, errorBody } = answered
  const exchange: RawExchange = {
    endpoint: route.name,
    method: source.method.toUpperCase(),
    url: source.url,
    bodyText: request?.bodyText,
    contentType: request?.contentType,
    headers: source.headerList(),
    status: parts.status,
    ...(errorBody === undefined ? { result } : { errorBody }),
    at: provider.clock.now(),
  }
  provider.recorder.record(exchange)
  // Shared with the other instances before the answer goes out, so that a test reading the
  // control API's /requests right after its request finds it. Redis away: not recorded there.
  if (provider.shared) await provider.shared.record(storedExchange(exchange)).catch(() => {})
}
