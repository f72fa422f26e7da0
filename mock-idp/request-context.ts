/**
 * One request as the code that answers it sees it: the mock's shared state (`provider`), and what
 * belongs to this request alone — the endpoint it reached, the parsed request, the issuer and
 * endpoint URLs it was made to, the behaviours in force for it, the ids it mints codes and tokens
 * with (through those behaviours' `mint` seam) and what `use()` told it to do. Built by the
 * request stages (http/stages/), passed to the endpoint, gone when the answer is sent.
 */
import type { ActiveBehaviours } from './behaviours/active-behaviours.js'
import type { Directives } from './control/directives.js'
import type { EndpointUrls } from './endpoint-urls.js'
import type { EndpointName } from './endpoints/endpoint-name.js'
import type { ParsedRequest } from './http/parsed-request.js'
import type { IdGenerator } from './ids.js'
import type { Provider } from './provider.js'

export interface RequestContext {
  /** The shared state of the issuer the request is for. */
  provider: Provider
  endpoint: EndpointName
  request: ParsedRequest
  /** The issuer for this request (http/request-issuer.ts): the configured one unless a trusted proxy says otherwise. */
  issuer: string
  urls: EndpointUrls
  /**
   * The behaviours in force for this request: the mock's, its client's, those it names and those
   * queued for it; an endpoint that continues a flow adopts that flow's too.
   */
  behaviours: ActiveBehaviours
  /** `provider.ids` with the `mint` seam of `behaviours` applied to codes and tokens. */
  ids: IdGenerator
  /** What `use()` told this request to do (who logs in, extra claims, an authorization error). */
  directives: Directives
}

/**
 * A context for `request` to `endpoint`; what is not given is the provider's (its issuer, its
 * URLs, a copy of its mock-wide behaviours, no directives).
 */
export function createRequestContext(
  provider: Provider,
  request: ParsedRequest,
  options: {
    endpoint: EndpointName
    issuer?: string
    urls?: EndpointUrls
    behaviours?: ActiveBehaviours
    directives?: Directives
  },
): RequestContext {
  const behaviours = options.behaviours ?? provider.globalBehaviours.fork()
  return {
    provider,
    endpoint: options.endpoint,
    request,
    issuer: options.issuer ?? provider.issuer,
    urls: options.urls ?? provider.urls,
    behaviours,
    ids: behaviours.mintingIds(provider.ids),
    directives: options.directives ?? {},
  }
}
