/**
 * Identifies the client (RFC 6749 §4.1.1: "client_id REQUIRED").
 *
 * RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection
 * URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform
 * the resource owner of the error and MUST NOT automatically redirect the user-agent to the
 * invalid redirection URI." Every failure here is therefore an `InvalidRedirectTarget` (error page).
 */
import { InvalidRedirectTarget, OAuthError } from '../../errors.js'
import type { Step } from '../step.js'

export const checkClient: Step = ({ params, clients }, draft) => {
  let clientId: string | undefined
  try {
    clientId = params.get('client_id')
  } catch (error) {
    // Repeated or oversized: still not a client we can trust with a redirect.
    if (error instanceof OAuthError) throw new InvalidRedirectTarget('invalid_request', error.description)
    throw error
  }
  if (clientId === undefined) {
    throw new InvalidRedirectTarget('invalid_request', '"client_id" parameter is missing (RFC 6749 §4.1.1)')
  }
  const client = clients.get(clientId)
  if (!client) {
    const known = [...clients.keys()]
    const list = known.length <= 10 ? `: ${known.map((id) => `"${id}"`).join(', ')}` : ''
    throw new InvalidRedirectTarget(
      'invalid_client',
      `"client_id" "${clientId}" is not a registered client (${known.length} registered${list})`,
      { detail: { received: clientId, registered: known } },
    )
  }
  return { ...draft, client, clientId: client.client_id }
}
