/**
 * Stage: the behaviours in force for this request (behaviours/request-behaviours.ts: the mock's,
 * its client's, those it names, those queued for it), and the `request` seam, which may refuse
 * the request before the endpoint runs.
 */
import type { ActiveBehaviours } from '../../behaviours/active-behaviours.js'
import type { SeamContext } from '../../behaviours/behaviour.js'
import { behavioursForRequest, requestParams } from '../../behaviours/request-behaviours.js'
import type { EndpointName } from '../../endpoints/endpoint-name.js'
import type { Provider } from '../../provider.js'
import type { ParsedRequest } from '../parsed-request.js'

export function chooseBehaviours(
  provider: Provider,
  request: ParsedRequest,
  endpoint: EndpointName,
  queued: readonly string[],
): Promise<ActiveBehaviours> {
  return behavioursForRequest(provider, request, endpoint, queued)
}

/** Throws the refusal of a `request` behaviour in force, if one refuses this request. */
export function throwBehaviourRefusal(active: ActiveBehaviours, seam: SeamContext): void {
  const refusal = active.size === 0 ? undefined : active.refusal(seam, requestParams(seam.request))
  if (refusal) throw refusal
}
