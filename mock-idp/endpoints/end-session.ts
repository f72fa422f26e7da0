/**
 * RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0 §2–3).
 *
 * §2: "OpenID Providers MUST support the use of the HTTP GET and POST methods". The session
 * cookie is cleared and the session record deleted. `post_logout_redirect_uri` is honoured only
 * when it exactly matches one registered for the client, which is identified by `client_id` or by
 * the `aud` of `id_token_hint` (§3: "The OP MUST NOT perform post-logout redirection if the
 * post_logout_redirect_uri value supplied does not exactly match one of the previously
 * registered post_logout_redirect_uris values"); `state` is echoed on that redirect. Without one,
 * a "you are signed out" page is shown. Without an id_token_hint the user is asked first (§2:
 * "the OP MUST ask the End-User this question if an id_token_hint was not provided").
 */

import { createHmac } from 'node:crypto'
import type { JWTPayload } from 'jose'
import { createLocalJWKSet } from 'jose/jwks/local'
import { compactVerify } from 'jose/jws/compact/verify'
import { appendQuery, encodeFields } from '../authorize/authorization-response.js'
import { asPage, PageProblem } from '../authorize/front-channel.js'
import { constantTimeEqual } from '../authorize/interaction.js'
import { clearedSessionCookie, currentSession } from '../authorize/session.js'
import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import type { ClientConfig } from '../config/schema.js'
import { mergeParams, Params } from '../http/params.js'
import { formBody } from '../http/parsed-request.js'
import type { Provider } from '../provider.js'
import { storeKey } from '../store/records.js'
import { logoutConfirmPage, stillSignedInPage } from '../ui/logout-confirm-page.js'
import { signedOutPage } from '../ui/signed-out-page.js'

export const endSession = asPage(async ({ provider, request, issuer, behaviours }) => {
  const source = request.method === 'POST' ? mergeParams(request.query, formBody(request)) : request.query
  const params = new Params(source, provider.config.limits.maxParameterLength)
  const hint = params.get('id_token_hint')
  const clientId = params.get('client_id')
  const postLogoutRedirectUri = params.get('post_logout_redirect_uri')
  const state = params.get('state')
  const repeated = params.repeated()
  if (repeated.length > 0) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `${repeated.map((name) => `"${name}"`).join(', ')} included more than once.`,
    })
  }

  // §2: "When an id_token_hint parameter is present, the OP MUST validate that it was the issuer
  // of the ID Token." Expired hints are fine: logging out usually happens after expiry.
  const audiences = hint === undefined ? [] : await verifiedAudiences(provider, behaviours, issuer, hint)
  // A behaviour waiving 'logout-without-hint-untrusted' treats a request without a hint as trusted.
  const trusted = hint !== undefined || !behaviours.enforces('logout-without-hint-untrusted')
  // §2: "If both client_id and id_token_hint are present, the OP MUST verify that the Client
  // Identifier matches the one used when issuing the ID Token."
  if (clientId !== undefined && hint !== undefined && !audiences.includes(clientId)) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `"client_id" "${clientId}" does not match the audience of "id_token_hint" (${audiences.join(', ')}).`,
    })
  }
  const client =
    identifyClient(provider, clientId, audiences) ??
    (trusted && hint === undefined ? clientRegistering(provider, postLogoutRedirectUri) : undefined)

  let location: string | undefined
  if (postLogoutRedirectUri !== undefined) {
    if (!client) {
      throw new PageProblem({
        error: 'invalid_request',
        description: `"post_logout_redirect_uri" "${postLogoutRedirectUri}" cannot be checked: send "client_id" or "id_token_hint" so the client is known.`,
      })
    }
    if (
      behaviours.enforces('post-logout-redirect-uri-registered') &&
      !isRegistered(client, postLogoutRedirectUri, behaviours.enforces('post-logout-redirect-uri-exact-match'))
    ) {
      const registered = client.post_logout_redirect_uris.map((uri) => `"${uri}"`).join(', ') || 'none'
      throw new PageProblem({
        error: 'invalid_request',
        description: `"post_logout_redirect_uri" "${postLogoutRedirectUri}" is not registered for client "${client.client_id}" (exact string comparison). Registered: ${registered}.`,
      })
    }
    location = appendQuery(postLogoutRedirectUri, state === undefined ? '' : encodeFields([['state', state]]))
  }

  const session = await currentSession(provider, request.cookies)
  if (!trusted) {
    const confirm = params.get('confirm')
    const expected = logoutCsrf(provider, session?.id)
    if (request.method !== 'POST' || confirm === undefined) {
      const carried = (
        [
          ['client_id', clientId],
          ['post_logout_redirect_uri', postLogoutRedirectUri],
          ['state', state],
        ] as Array<[string, string | undefined]>
      ).filter((pair): pair is [string, string] => pair[1] !== undefined)
      return logoutConfirmPage({
        action: request.url.pathname,
        csrf: expected,
        carried,
        clientName: client?.client_name,
        continuesTo: postLogoutRedirectUri,
      })
    }
    if (!constantTimeEqual(params.get('csrf') ?? '', expected)) {
      throw new PageProblem(
        {
          error: 'invalid_request',
          description: 'The sign-out confirmation expired or did not come from this page. Start the sign-out again.',
        },
        403,
      )
    }
    if (confirm !== 'yes') return stillSignedInPage()
  }
  const ends = behaviours.enforces('logout-ends-session')
  if (session && ends) await provider.store.delete(storeKey.session(session.id))
  const cookies = ends ? [clearedSessionCookie(issuer)] : []
  if (location === undefined) return { ...signedOutPage(), cookies }
  return { kind: 'redirect', status: request.method === 'POST' ? 303 : 302, location, cookies }
})

/** Binds the confirmation form to the session it would end (a forged form cannot sign anyone out). */
function logoutCsrf(provider: Provider, sessionId: string | undefined): string {
  return createHmac('sha256', provider.secret)
    .update(`logout\u0000${sessionId ?? ''}`)
    .digest('base64url')
}

async function verifiedAudiences(
  provider: Provider,
  behaviours: ActiveBehaviours,
  issuer: string,
  token: string,
): Promise<string[]> {
  let payload: JWTPayload
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(await hintPayload(provider, behaviours, token)))
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError('not a claims set')
    payload = parsed as JWTPayload
  } catch {
    throw new PageProblem({
      error: 'invalid_request',
      description:
        '"id_token_hint" is not an ID Token signed by this provider (signature check failed or it is malformed).',
    })
  }
  if (payload.iss !== issuer) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `"id_token_hint" was issued by "${String(payload.iss)}", not by this provider ("${issuer}").`,
    })
  }
  const aud = payload.aud
  return typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((value) => typeof value === 'string') : []
}

function identifyClient(
  provider: Provider,
  clientId: string | undefined,
  audiences: string[],
): ClientConfig | undefined {
  if (clientId !== undefined) {
    const client = provider.clients.get(clientId)
    if (!client)
      throw new PageProblem({
        error: 'invalid_request',
        description: `"client_id" "${clientId}" is not a registered client.`,
      })
    return client
  }
  // OIDC Core §2: "azp … MAY be included"; with a single audience, that audience is the client.
  return audiences.length === 1 ? provider.clients.get(audiences[0]!) : undefined
}

/**
 * The payload of an id_token_hint whose signature this provider made. Two behaviours loosen this:
 * waiving 'logout-hint-signed' accepts an unsecured JWT (alg "none"), waiving
 * 'logout-hint-signature-verified' accepts a signature by any key.
 */
async function hintPayload(provider: Provider, behaviours: ActiveBehaviours, token: string): Promise<Uint8Array> {
  const [header, payload] = token.split('.')
  const unverified = () => new Uint8Array(Buffer.from(payload ?? '', 'base64url'))
  const alg = (JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { alg?: unknown } | null)?.alg
  if (alg === 'none' && !behaviours.enforces('logout-hint-signed')) return unverified()
  try {
    const verified = await compactVerify(token, createLocalJWKSet(provider.keys.jwks(provider.clock.now())), {
      algorithms: provider.keys.algorithms(),
    })
    return verified.payload
  } catch (error) {
    if (alg !== 'none' && !behaviours.enforces('logout-hint-signature-verified')) return unverified()
    throw error
  }
}

/** RP-Initiated Logout §3: exact string comparison; a behaviour waiving it ignores the query. */
function isRegistered(client: ClientConfig, uri: string, exact: boolean): boolean {
  if (client.post_logout_redirect_uris.includes(uri)) return true
  if (exact) return false
  const query = uri.indexOf('?')
  return query >= 0 && client.post_logout_redirect_uris.includes(uri.slice(0, query))
}

/** The client that registered `uri`, for a behaviour that trusts a logout without id_token_hint. */
function clientRegistering(provider: Provider, uri: string | undefined): ClientConfig | undefined {
  if (uri === undefined) return undefined
  return [...provider.clients.values()].find((client) => client.post_logout_redirect_uris.includes(uri))
}
