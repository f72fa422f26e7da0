/**
 * The refresh token grant (RFC 6749 §6; OIDC Core §12; RFC 9700 §4.14.2).
 *
 * Processing order:
 *   1. `refresh_token` present; look it up (unknown, expired, revoked → invalid_grant;
 *      a rotated-away token → invalid_grant and the whole grant is revoked)
 *   2. bound to the authenticated client (invalid_grant)
 *   3. `scope` may narrow, never widen (invalid_scope)
 *   4. rotation: take the token atomically and leave a marker, so its reuse is recognised
 *   5. issue a new access token (+ ID token for openid, + the rotated refresh token)
 *
 * Steps 1–3 only read the token: a request that fails them (another client's, a wider scope)
 * leaves the legitimate holder's token usable.
 */
import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import { flowRefusal } from '../behaviours/request-behaviours.js'
import { epochSeconds } from '../clock.js'
import type { ClientConfig } from '../config/schema.js'
import { InvalidGrant, InvalidRequest, InvalidScope } from '../errors.js'
import type { Params } from '../http/params.js'
import type { RequestContext } from '../request-context.js'
import { type RefreshTokenRecord, storeKey } from '../store/records.js'
import { grantOf, secondsLeft } from '../tokens/grant.js'
import { findRefreshToken } from '../tokens/refresh-token.js'
import { issueTokens } from '../tokens/token-response.js'
import type { GrantHandler } from './grant-handler.js'
import { revokeGrant } from './grant-revocation.js'

export const refreshTokenGrant: GrantHandler = async ({ context, params, client }) => {
  const { provider, behaviours, issuer, urls } = context
  // RFC 6749 §6: "refresh_token REQUIRED. The refresh token issued to the client."
  const token = params.require('refresh_token')
  const requestedScope = params.get('scope')

  const lookup = await findRefreshToken(provider, token)
  if (!lookup.active) {
    if (await revokeIfReused(context, token)) throw reuseDetected()
    throw new InvalidGrant(lookup.reason)
  }
  const record = lookup.record
  // A refresh continues the flow of its grant: the behaviours its authorization request named apply
  // again (OIDC Core §12.2 wants the refreshed ID token's sub to be the one the flow issued). The
  // token has only been read so far.
  const refusal = await flowRefusal(context, record.clientId, record.behaviours)
  if (refusal) throw refusal
  // RFC 6749 §6: the server MUST "validate the refresh token" and "ensure that the refresh token was
  // issued to the authenticated client"; §5.2 invalid_grant covers one "issued to another client".
  if (record.clientId !== client.client_id && behaviours.enforces('refresh-token-client-binding')) {
    throw new InvalidGrant(`the refresh token was issued to another client, not "${client.client_id}"`)
  }
  const scope = requestedScope === undefined ? record.scope : grantedScope(behaviours, requestedScope, record.scope)

  let expiresAt: number | undefined
  if (provider.config.tokens.rotateRefreshTokens && behaviours.enforces('refresh-token-rotation')) {
    // RFC 9700 §4.14.2: with rotation "the authorization server issues a new refresh token with
    // every access token refresh response. The previous refresh token is invalidated". `take` makes
    // this atomic: of concurrent refreshes with one token, exactly one proceeds.
    if (behaviours.enforces('refresh-token-invalidated-on-rotation')) {
      // The token stays behind as its own rotated-away marker, in the same atomic step, so that a
      // concurrent refresh with it (on any instance) finds the marker and revokes the grant.
      const leave = {
        key: storeKey.rotatedRefreshToken(token),
        ttlSeconds: secondsLeft(record.expiresAt, epochSeconds(provider.clock)),
      }
      const taken = await provider.store.take<RefreshTokenRecord>(storeKey.refreshToken(token), leave)
      if (!taken) {
        // Lost a race with a concurrent refresh of the same token: that is reuse too.
        await revokeIfReused(context, token)
        throw reuseDetected()
      }
    }
    expiresAt = record.expiresAt
  }

  return issueTokens(context, {
    issuer,
    audience: urls.userinfo,
    grant: grantOf(record),
    scope,
    // RFC 6749 §6: "If a new refresh token is issued, the refresh token scope MUST be identical to
    // that of the refresh token included by the client in the request." Without rotation no new
    // one is sent and the client keeps using the one it has (§5.1: refresh_token is OPTIONAL).
    refreshToken:
      expiresAt === undefined
        ? undefined
        : { scope: behaviours.enforces('refresh-token-keeps-scope') ? record.scope : scope, expiresAt },
    // OIDC Core §12.2: the refreshed ID token keeps iss, sub, aud, azp and auth_time; it carries no
    // nonce, since no authentication request (and so no nonce) is behind it.
    grantType: 'refresh_token',
  })
}

/**
 * RFC 6749 §6: "If the client type is confidential or the client was issued client credentials
 * (or assigned other authentication requirements), the client MUST authenticate". Only while a
 * behaviour waives 'refresh-client-authentication' is a refresh request attributed to the
 * "client_id" it names, credentials or not; otherwise undefined (authenticate as usual).
 */
export function unauthenticatedRefresh(
  { provider, behaviours }: RequestContext,
  params: Params,
): { client: ClientConfig } | undefined {
  if (behaviours.enforces('refresh-client-authentication')) return undefined
  if (params.get('grant_type') !== 'refresh_token') return undefined
  const client = provider.clients.get(params.get('client_id') ?? '')
  return client ? { client } : undefined
}

/**
 * RFC 9700 §4.14.2: when "a refresh token is compromised and subsequently used by both the attacker
 * and the legitimate client, one of them will present an invalidated refresh token, which will
 * inform the authorization server of the breach. The authorization server cannot determine which
 * party submitted the invalid refresh token, but it will revoke the active refresh token."
 */
async function revokeIfReused({ provider, behaviours }: RequestContext, token: string): Promise<boolean> {
  const grantId = (await provider.store.get<RefreshTokenRecord>(storeKey.rotatedRefreshToken(token)))?.grantId
  if (grantId === undefined) return false
  if (behaviours.enforces('refresh-reuse-revokes-grant')) await revokeGrant(provider, grantId)
  return true
}

function reuseDetected(): InvalidGrant {
  return new InvalidGrant(
    'the refresh token has already been used and was replaced by a newer one; every token of its grant has been revoked (RFC 9700 §4.14.2)',
  )
}

/**
 * RFC 6749 §6: "The requested scope MUST NOT include any scope not originally granted by the
 * resource owner, and if omitted is treated as equal to the scope originally granted".
 */
function grantedScope(behaviours: ActiveBehaviours, requested: string, granted: readonly string[]): string[] {
  const tokens = requested.split(' ')
  // RFC 6749 §3.3: scope = scope-token *( SP scope-token ), so an empty token means a stray space.
  if (tokens.some((token) => token === '')) {
    throw new InvalidRequest('"scope" must be scope tokens separated by single spaces (RFC 6749 §3.3)')
  }
  const wider = tokens.filter((token) => !granted.includes(token))
  if (wider.length > 0 && behaviours.enforces('refresh-scope-no-widening')) {
    throw new InvalidScope(
      `"scope" asks for ${wider.map((token) => `"${token}"`).join(', ')}, which the refresh token was not granted; it may only narrow "${granted.join(' ')}" (RFC 6749 §6)`,
    )
  }
  // RFC 6749 §6: "scope … The scope of the access request": a narrower request gets the narrower scope.
  if (!behaviours.enforces('refresh-scope-narrowing')) return [...granted]
  return [...new Set(tokens)]
}
