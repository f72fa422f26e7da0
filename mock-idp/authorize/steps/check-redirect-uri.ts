/**
 * Chooses and validates the redirection URI (RFC 6749 §3.1.2.3, OIDC Core §3.1.2.1).
 *
 * RFC 6749 §3.1.2.3: "If redirection URI(s) were registered, … the authorization server MUST
 * compare and match the value received against at least one of the registered redirection URIs
 * … using simple string comparison." Failures are error pages, never redirects (§4.1.2.1), and
 * their text says exactly what differed, so a partner can fix a failed login from the message.
 */
import type { ActiveBehaviours } from '../../behaviours/active-behaviours.js'
import type { ClientConfig } from '../../config/schema.js'
import { InvalidRedirectTarget, OAuthError } from '../../errors.js'
import type { Params } from '../../http/params.js'
import { clientOf, type Step, spaceList } from '../step.js'

export const checkRedirectUri: Step = ({ params, behaviours }, draft) => {
  const client = clientOf(draft)
  let received: string | undefined
  try {
    received = params.get('redirect_uri')
  } catch (error) {
    if (error instanceof OAuthError) throw new InvalidRedirectTarget('invalid_request', error.description)
    throw error
  }
  if (received === undefined) return { ...draft, redirectUri: defaultRedirectUri(client, params, behaviours) }
  const redirectUri = matchRegistered(received, client.redirect_uris, behaviours)
  if (redirectUri === undefined) {
    throw new InvalidRedirectTarget('invalid_request', mismatchDescription(received, client), {
      detail: { received, registered: client.redirect_uris },
    })
  }
  return { ...draft, redirectUri }
}

/**
 * The redirect URI to use: the received one when it is registered. Exact matching has several
 * facets (RFC 9700 §2.1, §4.1.3); each is a named rule, so a behaviour can waive exactly one
 * and let one kind of near-miss through.
 */
function matchRegistered(received: string, registered: string[], behaviours: ActiveBehaviours): string | undefined {
  if (registered.includes(received) || !behaviours.enforces('redirect-uri-exact-match')) return received
  for (const uri of registered) {
    if (!behaviours.enforces('redirect-uri-no-prefix-match') && received.startsWith(uri)) return received
    if (!behaviours.enforces('redirect-uri-query-compared') && withoutQuery(received) === withoutQuery(uri))
      return received
    if (!behaviours.enforces('redirect-uri-case-sensitive') && received.toLowerCase() === uri.toLowerCase())
      return received
    // The fragment cannot be delivered to (the response's own parameters would follow it): drop it.
    if (!behaviours.enforces('redirect-uri-no-fragment') && received.startsWith(`${uri}#`)) return uri
  }
  return undefined
}

function withoutQuery(uri: string): string {
  return uri.replace(/\?[^#]*/, '')
}

function defaultRedirectUri(client: ClientConfig, params: Params, behaviours: ActiveBehaviours): string {
  // OIDC Core §3.1.2.1: "redirect_uri REQUIRED." A repeated scope cannot be read here; it is
  // reported (with a redirect) by check-repeated-parameters once the target is known.
  const [first] = client.redirect_uris
  if (!behaviours.enforces('redirect-uri-required') && first !== undefined) return first
  if (requestsOpenid(params)) {
    throw new InvalidRedirectTarget(
      'invalid_request',
      '"redirect_uri" parameter is missing; OpenID Connect requests (scope contains "openid") must send it (OIDC Core §3.1.2.1)',
    )
  }
  // RFC 6749 §3.1.2.3: "If multiple redirection URIs have been registered … the client MUST
  // include a redirection URI with the authorization request".
  const [only, ...others] = client.redirect_uris
  if (only === undefined || others.length > 0) {
    throw new InvalidRedirectTarget(
      'invalid_request',
      `"redirect_uri" parameter is missing and client "${client.client_id}" has ${client.redirect_uris.length} registered redirect URIs, so it must say which one (RFC 6749 §3.1.2.3): ${list(client.redirect_uris)}`,
    )
  }
  return only
}

function requestsOpenid(params: Params): boolean {
  try {
    return spaceList(params.get('scope')).includes('openid')
  } catch {
    return false
  }
}

/** The exact received value against the registered ones, with the near-misses people actually make. */
export function mismatchDescription(received: string, client: ClientConfig): string {
  const base = `"redirect_uri" "${received}" does not match any redirect URI registered for client "${client.client_id}" (exact string comparison, RFC 6749 §3.1.2.3). Registered: ${list(client.redirect_uris)}.`
  const hint = nearMiss(received, client.redirect_uris)
  return hint ? `${base} ${hint}` : base
}

function nearMiss(received: string, registered: string[]): string | undefined {
  for (const candidate of registered) {
    for (const char of ['?', '/']) {
      if (candidate === `${received}${char}`) {
        return `It differs only by a trailing "${char}": the registered value "${candidate}" ends with "${char}", the received one does not.`
      }
      if (received === `${candidate}${char}`) {
        return `It differs only by a trailing "${char}": the received value ends with "${char}", the registered "${candidate}" does not.`
      }
    }
    if (candidate.toLowerCase() === received.toLowerCase()) {
      return `It differs from "${candidate}" only in upper/lower case; the comparison is case-sensitive.`
    }
    const swapped = received.replace('://localhost', '://127.0.0.1')
    const swappedBack = received.replace('://127.0.0.1', '://localhost')
    if (candidate === swapped || candidate === swappedBack) {
      return `"localhost" and "127.0.0.1" are different strings: "${candidate}" is registered.`
    }
    if (candidate.replace(/^https:/, 'http:') === received || candidate.replace(/^http:/, 'https:') === received) {
      return `It differs from "${candidate}" only in the scheme (http vs https).`
    }
    if (decodeSafely(received) === candidate) {
      return `It matches "${candidate}" only after one more percent-decoding: the value was encoded twice.`
    }
  }
  return undefined
}

function decodeSafely(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

function list(values: string[]): string {
  return values.map((value) => `"${value}"`).join(', ')
}
