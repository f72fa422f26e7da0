/**
 * Stage: the HTTP method, against the methods the route takes (routes.ts). HEAD is GET without a
 * body wherever GET is allowed (RFC 9110 §9.3.2).
 */
import type { ActiveBehaviours } from '../../behaviours/active-behaviours.js'
import { InvalidRequest } from '../../errors.js'
import type { Route } from '../routes.js'

/** 405 with the methods the endpoint takes (RFC 9110 §15.5.6: "MUST generate an Allow header field"). */
export class MethodNotAllowed extends InvalidRequest {
  override readonly status = 405
  constructor(method: string, route: Route, allowed: string[]) {
    super(`${method} is not allowed at the ${route.name} endpoint; use ${allowed.join(' or ')}`, {
      headers: { Allow: allowed.join(', ') },
    })
  }
}

export function checkMethod(route: Route, method: string, active: ActiveBehaviours): void {
  const methods = allowedMethods(route, active)
  if (!methods.includes(method) && !(method === 'HEAD' && methods.includes('GET'))) {
    throw new MethodNotAllowed(method, route, methods)
  }
}

/** RFC 6749 §3.2: the token endpoint takes POST only, unless a behaviour waives that rule. */
function allowedMethods(route: Route, active: ActiveBehaviours): string[] {
  if (route.name === 'token' && !active.enforces('token-post-only')) return [...route.methods, 'GET']
  return route.methods
}
