/**
 * Stage: the endpoint itself, given the request's context (request-context.ts): the shared state,
 * the parsed request with its issuer and URLs, its behaviours and what `use()` told it.
 */
import type { ActiveBehaviours } from '../../behaviours/active-behaviours.js'
import { directivesFrom } from '../../control/directives.js'
import type { AppliedOverrides } from '../../control/override-queue.js'
import type { Provider } from '../../provider.js'
import { createRequestContext } from '../../request-context.js'
import type { EndpointResult } from '../endpoint-result.js'
import type { Route } from '../routes.js'
import type { Parsed } from './parse.js'

export function runEndpoint(
  provider: Provider,
  route: Route,
  { request, issuer, urls }: Parsed,
  behaviours: ActiveBehaviours,
  applied: AppliedOverrides,
): Promise<EndpointResult> {
  const context = createRequestContext(provider, request, {
    endpoint: route.name,
    issuer,
    urls,
    behaviours,
    directives: directivesFrom(applied),
  })
  return route.endpoint(context)
}
