/**
 * Stage: what `use()` queued for this endpoint (control/override-queue.ts). Taken before anything
 * else, so a delay or a dropped connection happens whatever the request holds; an injected answer
 * (a raw response, an OAuth error) replaces the endpoint once the request is parsed.
 */
import { InjectedResponse, injectedError } from '../../control/directives.js'
import type { AppliedOverrides } from '../../control/override-queue.js'
import type { EndpointName } from '../../endpoints/endpoint-name.js'
import type { Provider } from '../../provider.js'

/** The overrides that apply to this request, after the delay one of them asked for. */
export async function takeOverrides(provider: Provider, endpoint: EndpointName): Promise<AppliedOverrides> {
  const local = provider.overrides.take(endpoint)
  // With a shared store, the control API's queue is shared by every instance; Redis away: none.
  const shared = provider.shared ? await provider.shared.takeOverrides(endpoint).catch(() => undefined) : undefined
  const applied = shared ? merged(local, shared) : local
  if (applied.delayMs) await provider.delays.wait(applied.delayMs)
  return applied
}

/** This process's overrides (`use()` of the library) first, then the shared queue's for what they leave open. */
function merged(local: AppliedOverrides, shared: AppliedOverrides): AppliedOverrides {
  return { ...shared, ...definedOnly(local), behaviours: [...local.behaviours, ...shared.behaviours] }
}

function definedOnly(applied: AppliedOverrides): Partial<AppliedOverrides> {
  return Object.fromEntries(Object.entries(applied).filter(([, value]) => value !== undefined))
}

/**
 * Throws the answer a test injected, if any: a raw response, or an OAuth error. At the
 * authorization endpoint the error is the endpoint's to send, to the client's redirect URI
 * (control/directives.ts), once the request is validated.
 */
export function throwInjectedAnswer(applied: AppliedOverrides, endpoint: EndpointName): void {
  if (applied.respond) throw new InjectedResponse(applied.respond)
  if (applied.error && endpoint !== 'authorization') throw injectedError(applied.error)
}
