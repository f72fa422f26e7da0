/**
 * The requested scope (RFC 6749 §3.3).
 *
 * RFC 6749 §3.3: "If the client omits the scope parameter when requesting authorization, the
 * authorization server MUST either process the request using a pre-defined default value or fail
 * the request indicating an invalid scope." This provider has no default scope: it fails, so a
 * client never receives a grant it did not ask for. Unknown scopes and scopes outside the
 * client's registration are `invalid_scope` (§4.1.2.1: "The requested scope is invalid,
 * unknown, or malformed").
 */
import { InvalidScope } from '../../errors.js'
import { clientOf, type Step, spaceList } from '../step.js'

// RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

export const checkScope: Step = ({ params, config }, draft) => {
  const client = clientOf(draft)
  const raw = params.get('scope')
  if (raw === undefined) {
    throw new InvalidScope('"scope" parameter is missing and this server has no default scope (RFC 6749 §3.3)')
  }
  const scope = spaceList(raw)
  const malformed = scope.filter((token) => !SCOPE_TOKEN.test(token))
  if (malformed.length > 0 || scope.length === 0) {
    throw new InvalidScope(`"scope" is malformed: scope tokens are space-separated printable ASCII (RFC 6749 §3.3)`)
  }
  const unknown = scope.filter((token) => !Object.hasOwn(config.scopes, token))
  if (unknown.length > 0) {
    throw new InvalidScope(
      `unknown scope ${unknown.map((token) => `"${token}"`).join(', ')}; supported: ${Object.keys(config.scopes).join(' ')}`,
      { detail: { unknown } },
    )
  }
  const allowed = client.scope === undefined ? Object.keys(config.scopes) : spaceList(client.scope)
  const forbidden = scope.filter((token) => !allowed.includes(token))
  if (forbidden.length > 0) {
    throw new InvalidScope(
      `client "${client.client_id}" may not request scope ${forbidden.map((token) => `"${token}"`).join(', ')}; it may request: ${allowed.join(' ')}`,
      { detail: { forbidden, allowed } },
    )
  }
  return { ...draft, scope }
}
