/**
 * The discovery document answered straight from Node's request while the app is not loaded yet.
 * The app (Hono, its Node adapter and Node's own fetch implementation behind `Request` and
 * `Response`) is imported on the first request that needs it (server.ts): a mock that has only
 * been asked for its discovery document — what a client or a readiness probe asks first — has not
 * paid for it.
 *
 * Only a request the app would answer with the plain document is answered here: a GET of one of
 * the two well-known paths, without a query, a body or an Origin, at a mock with no behaviour in
 * force, nothing queued by `use()`, no shared store and no proxy headers to trust. The answer is
 * the one the app gives — the same endpoint result (endpoints/discovery.ts), headers and recorded
 * exchange; early-discovery.test.ts holds the two equal. Anything else returns undefined and
 * waits for the app.
 */
import type { IncomingMessage } from 'node:http'
import { discoveryResult } from '../endpoints/discovery.js'
import type { EndpointName } from '../endpoints/endpoint-name.js'
import type { Provider } from '../provider.js'
import type { EndpointResult } from './endpoint-result.js'
import { RawHeaderLines } from './header-list.js'
import { mediaType } from './parsed-request.js'
import { adapterUrl } from './plain-url.js'
import { responseParts } from './respond.js'

/** A complete answer, as Node writes it. */
export interface EarlyAnswer {
  status: number
  headers: Record<string, string>
  body: string
}

/** The two well-known locations of the same document (routes.ts). */
const WELL_KNOWN: Record<string, EndpointName> = {
  '/.well-known/openid-configuration': 'discovery',
  '/.well-known/oauth-authorization-server': 'metadata',
}

/** The answer to `request` when it is a plain discovery request the provider can answer without its app; else undefined. */
export function earlyDiscovery(provider: Provider, request: IncomingMessage): EarlyAnswer | undefined {
  const endpoint = request.url === undefined ? undefined : WELL_KNOWN[request.url]
  const url = adapterUrl(request.headers.host, request.url)
  if (endpoint === undefined || request.method !== 'GET' || url === undefined) return
  if (!answersPlainly(provider, request)) return
  const headers = new RawHeaderLines(request.rawHeaders)
  const result = discoveryResult(provider, provider.urls)
  const answer = toEarlyAnswer(result)
  provider.recorder.record({
    endpoint,
    method: 'GET',
    url,
    bodyText: undefined,
    contentType: mediaType(headers.get('content-type')),
    headers,
    status: answer.status,
    result,
    at: provider.clock.now(),
  })
  return answer
}

/** Nothing in force at this mock or in this request could change the answer, or the way it is recorded. */
function answersPlainly(provider: Provider, request: IncomingMessage): boolean {
  const { config } = provider
  const headers = request.headers
  return (
    provider.globalBehaviours.size === 0 &&
    !config.allowRequestBehaviours &&
    provider.overrides.size === 0 &&
    provider.shared === undefined &&
    config.server.overlap === 'serve' &&
    (config.issuer !== undefined || !config.trustForwardedHeaders) &&
    headers.origin === undefined &&
    headers['content-length'] === undefined &&
    headers['transfer-encoding'] === undefined
  )
}

/** The result as the app answers it (http/respond.ts), with the Content-Length Node's adapter sets. */
function toEarlyAnswer(result: EndpointResult): EarlyAnswer {
  const { status, headers, body, cookies } = responseParts(result)
  if (body === null || cookies.length > 0) throw new Error('the discovery endpoint answers a body and sets no cookie')
  return { status, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, body }
}
