/**
 * An endpoint whose module is imported on its first request. Discovery and the JWK Set are all a
 * starting server needs to answer; the other endpoints (with the authorization pipeline, the
 * pages, client authentication and token signing behind them) load when first used, so start-up
 * imports and keeps in memory only what it serves. A failed import is retried by the next request.
 */
import type { Endpoint } from '../endpoints/endpoint.js'
import { loadOnce } from './load-once.js'

export function lazy(load: () => Promise<Endpoint>): Endpoint {
  const loaded = loadOnce(load)
  return async (context) => (await loaded())(context)
}
