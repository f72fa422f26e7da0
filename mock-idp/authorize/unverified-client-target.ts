/**
 * Where a deviation sends an error that RFC 6749 §4.1.2.1 keeps on the authorization server: "If
 * … the client identifier is missing or invalid, the authorization server SHOULD inform the
 * resource owner of the error and MUST NOT automatically redirect the user-agent to the invalid
 * redirection URI." While the mock enforces that (always, unless a behaviour waives it) there is
 * no such target and the error is a page.
 */
import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import type { ClientConfig } from '../config/schema.js'
import type { Params } from '../http/params.js'
import type { ResponseTarget } from './authorization-response.js'

export function unverifiedClientTarget(
  params: Params,
  clients: ReadonlyMap<string, ClientConfig>,
  behaviours: ActiveBehaviours,
): ResponseTarget | undefined {
  const clientId = read(params, 'client_id')
  if (clientId !== undefined && clients.has(clientId)) return undefined
  const enforced =
    clientId === undefined
      ? behaviours.enforces('missing-client-not-redirected')
      : behaviours.enforces('unknown-client-not-redirected')
  if (enforced) return undefined
  const redirectUri = read(params, 'redirect_uri')
  if (redirectUri === undefined) return undefined
  const state = read(params, 'state')
  return { redirectUri, responseMode: 'query', ...(state === undefined ? {} : { state }) }
}

function read(params: Params, name: string): string | undefined {
  try {
    return params.get(name)
  } catch {
    return undefined
  }
}
