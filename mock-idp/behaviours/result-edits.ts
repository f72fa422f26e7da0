/** Small edits of an endpoint's result that several `response` behaviours make. */
import type { EndpointResult } from '../http/endpoint-result.js'

/** The result without Cache-Control and Pragma (RFC 6749 §5.1 requires both on token responses). */
export function withoutCacheHeaders(result: EndpointResult): EndpointResult {
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).filter(([name]) => !['cache-control', 'pragma'].includes(name.toLowerCase())),
  )
  return { ...result, headers }
}
