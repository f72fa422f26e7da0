/**
 * One request routed to an endpoint (routes.ts), stage by stage. The order, on one screen:
 *
 *   0. catch up    with a shared store: keys, clock and overrides other instances changed  control/shared-control.ts
 *   1. overrides   take what use() queued for this endpoint; wait, or drop the connection  stages/overrides.ts
 *   2. parse       the body within limits; the issuer and URLs the request was made to     stages/parse.ts
 *   3. behaviours  the behaviours in force for this request                                stages/behaviours.ts
 *   4. overrides   an injected answer replaces the endpoint                                stages/overrides.ts
 *   5. method      the route's methods (405 with Allow)                                    stages/method.ts
 *   6. behaviours  a `request` behaviour may refuse the request                            stages/behaviours.ts
 *   7. endpoint    the endpoint, with the request's RequestContext                         stages/endpoint.ts
 *   8. respond     a thrown error mapped to its answer; the `response` seam; its parts     stages/respond.ts
 *   9. record      the exchange, for requests()                                            stages/record.ts
 */
import type { SeamContext } from '../behaviours/behaviour.js'
import { catchUp } from '../control/shared-control.js'
import type { Provider } from '../provider.js'
import type { EndpointResult } from './endpoint-result.js'
import type { RequestSource } from './parsed-request.js'
import type { ResponseParts } from './respond.js'
import type { Route } from './routes.js'
import { chooseBehaviours, throwBehaviourRefusal } from './stages/behaviours.js'
import { runEndpoint } from './stages/endpoint.js'
import { checkMethod } from './stages/method.js'
import { takeOverrides, throwInjectedAnswer } from './stages/overrides.js'
import { type Parsed, parse } from './stages/parse.js'
import { record } from './stages/record.js'
import { errorResult, respond } from './stages/respond.js'

/** What to send back: the answer's parts, or DROPPED for a connection to close without one (a `drop` fault). */
export type Answer = ResponseParts | typeof DROPPED

export const DROPPED = Symbol('dropped')

/** The answer to `source`, whichever server received it (the Hono app, or Node's: node-route.ts). */
export async function handleRequest(provider: Provider, route: Route, source: RequestSource): Promise<Answer> {
  await catchUp(provider)
  const applied = await takeOverrides(provider, route.name)
  if (applied.drop) return DROPPED
  let parsed: Parsed | undefined
  let seam: SeamContext | undefined
  let active = provider.globalBehaviours
  let result: EndpointResult
  let errorBody: unknown
  try {
    parsed = await parse(provider, source)
    active = await chooseBehaviours(provider, parsed.request, route.name, applied.behaviours)
    seam = { endpoint: route.name, ...parsed }
    throwInjectedAnswer(applied, route.name)
    checkMethod(route, source.method.toUpperCase(), active)
    throwBehaviourRefusal(active, seam)
    result = await runEndpoint(provider, route, parsed, active, applied)
  } catch (error) {
    ;({ result, errorBody } = await errorResult(provider, route, error))
  }
  const answer = respond(result, seam, active)
  await record(provider, route, source, { request: parsed?.request, ...answer, errorBody })
  return answer.parts
}
