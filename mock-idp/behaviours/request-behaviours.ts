/**
 * Which behaviours are in force for one request (see active-behaviours.ts), and how a request
 * that continues a flow takes on that flow's. The set is a fresh copy per request: an endpoint
 * that learns more about the flow (the interaction behind a login page, the code being redeemed)
 * adopts that flow's behaviours into it, and the response seam then sees them too.
 *
 * A request names behaviours with the `codeflow-behaviour` header or the `codeflow_behaviour`
 * parameter (query or form body), comma- or space-separated — only on a mock started with
 * `allowRequestBehaviours` (the test tooling turns it on for itself). Elsewhere such a request is
 * refused with invalid_request: on a shared mock, nothing an anonymous request sends may switch
 * its rules off (one link would otherwise send a signed-in user's code to any redirect URI). An
 * unknown id is a clear invalid_request naming the closest known one, never silently ignored: a
 * test that thinks it switched a deviation on must not pass because of a typo.
 */
import type { EndpointName } from '../endpoints/endpoint-name.js'
import { InvalidRequest, type OAuthError } from '../errors.js'
import type { ParsedRequest } from '../http/parsed-request.js'
import type { Provider } from '../provider.js'
import type { RequestContext } from '../request-context.js'
import type { ActiveBehaviours } from './active-behaviours.js'
import { loadBehaviourCatalog } from './load-catalog.js'

export const BEHAVIOUR_HEADER = 'codeflow-behaviour'
export const BEHAVIOUR_PARAMETER = 'codeflow_behaviour'

/** The query and, for a form POST, the body: where `client_id` and `codeflow_behaviour` may be. */
export function requestParams(request: ParsedRequest): URLSearchParams {
  if (request.contentType !== 'application/x-www-form-urlencoded' || !request.bodyText) return request.query
  const merged = new URLSearchParams(request.query)
  for (const [name, value] of new URLSearchParams(request.bodyText)) merged.append(name, value)
  return merged
}

/**
 * A request named behaviours on a mock that does not let requests switch them on. Its description
 * is constant: it never echoes what the request sent (it may travel to a redirect URI).
 */
export class RequestBehavioursRefused extends InvalidRequest {
  constructor() {
    super(
      `behaviours cannot be switched on by request on this mock ("${BEHAVIOUR_HEADER}" header, "${BEHAVIOUR_PARAMETER}" parameter); start it with --allow-request-behaviours (config "allowRequestBehaviours": true), or switch them on by configuration or the authenticated control API`,
    )
  }
}

/**
 * The behaviours in force for a request to `endpoint`: the mock's, its client's, those the
 * request names and those `use()` queued for it (`queued`). The authorization endpoint refuses
 * named behaviours itself, once it knows whether it may tell the client (RFC 6749 §4.1.2.1), so
 * here they are left out for it; every other endpoint refuses them at once. The catalog is
 * loaded only when some id is named.
 */
export async function behavioursForRequest(
  provider: Provider,
  request: ParsedRequest,
  endpoint: EndpointName,
  queued: readonly string[],
): Promise<ActiveBehaviours> {
  const refusedLater = endpoint === 'authorization' && !provider.config.allowRequestBehaviours
  const named = refusedLater ? [] : await namedBehaviours(request, provider.config.allowRequestBehaviours)
  // Reading client_id (query, form body or Basic) costs a parse: only when some client deviates.
  const clientId = provider.clientsDeviate ? clientIdOf(request) : undefined
  const client = clientId === undefined ? undefined : provider.clients.get(clientId)
  const active = provider.globalBehaviours.fork()
  const ids = [...(client?.behaviours ?? []), ...named, ...queued]
  if (ids.length > 0) active.withCatalog(await loadBehaviourCatalog()).adopt(ids)
  return active
}

/**
 * The ids a request names itself; throws invalid_request for an unknown one, and for any when the
 * mock does not allow switching by request (`allowed`, config `allowRequestBehaviours`).
 */
export async function namedBehaviours(request: ParsedRequest, allowed: boolean): Promise<string[]> {
  const header = request.headers.get(BEHAVIOUR_HEADER)
  const hasParameter =
    request.query.has(BEHAVIOUR_PARAMETER) || request.bodyText?.includes(BEHAVIOUR_PARAMETER) === true
  if (header === null && !hasParameter) return []
  const values = [header ?? '', ...(hasParameter ? requestParams(request).getAll(BEHAVIOUR_PARAMETER) : [])]
  const ids = values.flatMap((value) => value.split(/[\s,]+/)).filter((id) => id !== '')
  if (ids.length === 0) return ids
  if (!allowed) throw new RequestBehavioursRefused()
  const { behaviourCatalog, unknownBehaviourMessage } = await import('./catalog.js')
  for (const id of ids) {
    if (!behaviourCatalog.has(id)) throw new InvalidRequest(unknownBehaviourMessage(id))
  }
  return ids
}

/** The client a request is about: its `client_id` parameter, or the user-id of Basic credentials. */
function clientIdOf(request: ParsedRequest): string | undefined {
  const fromParams = requestParams(request).get('client_id')
  if (fromParams) return fromParams
  const authorization = request.headers.get('authorization')
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon <= 0) return undefined
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '))
  } catch {
    return undefined
  }
}

/**
 * A request that continues a flow (a login or consent page) takes on the behaviours of that flow:
 * its client's and those its authorization request named. Returns whether it took on any.
 */
export async function adoptFlowBehaviours(
  context: RequestContext,
  clientId: string,
  named: readonly string[] = [],
): Promise<boolean> {
  const ids = [...(context.provider.clients.get(clientId)?.behaviours ?? []), ...named]
  if (ids.length === 0) return false
  context.behaviours.withCatalog(await loadBehaviourCatalog()).adopt(ids)
  return true
}

/**
 * adoptFlowBehaviours for a request that learns its flow from the credential it presents (a code, a
 * refresh token, an access token at UserInfo), followed by the `request` seam once more: returns
 * the refusal of a `request` behaviour of the flow, as it would have refused the request had the
 * request named the flow itself (a UserInfo request names no client, so its client's
 * `userinfo-post-refused` was not in force when the seam first ran). The caller throws it once it
 * has undone whatever it did to the credential: the refusal stands for one that came first.
 */
export async function flowRefusal(
  context: RequestContext,
  clientId: string,
  named: readonly string[] = [],
): Promise<OAuthError | undefined> {
  if (!(await adoptFlowBehaviours(context, clientId, named))) return undefined
  // The behaviours already in force before have passed this request: asking them again is idempotent.
  return context.behaviours.refusal(context, requestParams(context.request))
}
