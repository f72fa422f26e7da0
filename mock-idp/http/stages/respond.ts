/**
 * Stage: the answer. A thrown error becomes one (the single boundary that maps errors: an OAuth
 * error is its JSON per RFC 6749 §5.2, or the error page at an endpoint a person's browser
 * visits; anything else is a bug, logged and answered server_error without internals); the
 * `response` seam of the behaviours in force edits it; then it becomes what goes on the wire.
 */
import type { ActiveBehaviours } from '../../behaviours/active-behaviours.js'
import type { SeamContext } from '../../behaviours/behaviour.js'
import { InjectedResponse } from '../../control/directives.js'
import { OAuthError, ServerError } from '../../errors.js'
import type { Provider } from '../../provider.js'
import type { EndpointResult } from '../endpoint-result.js'
import { BodyNotReceived } from '../parsed-request.js'
import { oauthErrorResult, type ResponseParts, responseParts } from '../respond.js'
import { isPageRoute, type Route } from '../routes.js'

/** The result that answers a thrown error, and the JSON error body to record when there is one. */
export async function errorResult(
  provider: Provider,
  route: Route,
  error: unknown,
): Promise<{ result: EndpointResult; errorBody?: unknown }> {
  // The client left mid-upload: one quiet line, no stack (it is no fault of the server's).
  if (error instanceof BodyNotReceived) provider.log.debug(`${route.name}: ${error.description}`)
  if (error instanceof InjectedResponse) return { result: error.result }
  const result = await resultOf(provider, route, error)
  return error instanceof OAuthError && !isPageRoute(route.name) ? { result, errorBody: error.toJSON() } : { result }
}

async function resultOf(provider: Provider, route: Route, error: unknown): Promise<EndpointResult> {
  if (error instanceof OAuthError) {
    if (error.status >= 500) provider.log.error(`${route.name}: ${error.description}`, error.detail)
    if (isPageRoute(route.name) && error.status < 500 && error.status !== 405) {
      // Loaded on use, like the page endpoints themselves (lazy.ts).
      const { errorPageFor } = await import('../../ui/error-page.js')
      return errorPageFor(error)
    }
    return oauthErrorResult(error)
  }
  // An unknown throw is a bug: log it (redacted), answer server_error without internals.
  provider.log.error(`${route.name}: unexpected error`, error instanceof Error ? error.stack : error)
  return oauthErrorResult(new ServerError('the server met an unexpected condition'))
}

/** The response seam applied (once the request was parsed): the final result, and its status, headers and body. */
export function respond(
  result: EndpointResult,
  seam: SeamContext | undefined,
  active: ActiveBehaviours,
): { result: EndpointResult; parts: ResponseParts } {
  const final = seam && active.size > 0 ? active.applyResponse(result, seam) : result
  return { result: final, parts: responseParts(final) }
}
