/**
 * Revoking a whole grant: every access and refresh token issued from one authorization.
 *
 * Three rules need it: RFC 6749 §4.1.2 ("If an authorization code is used more than once, the
 * authorization server MUST deny the request and SHOULD revoke (when possible) all tokens
 * previously issued based on that authorization code"), RFC 9700 §4.14.2 (reuse of a rotated
 * refresh token: "the authorization server … will revoke the active refresh token"), and RFC 7009
 * §2.1 (revoking a refresh token "SHOULD also invalidate all access tokens based on the same
 * authorization grant").
 *
 * A revocation is one marker per grant, not a sweep over tokens: the store is keyed by token
 * digest and cannot be searched by grant, and a marker also covers tokens issued *after* it was
 * written (the loser of a concurrent code redemption revokes what the winner is still issuing).
 * Every token lookup therefore asks `isGrantRevoked`.
 */
import type { Provider } from '../provider.js'
import { storeKey } from '../store/records.js'

/**
 * The marker must outlive every token of the grant. Refresh tokens keep their grant's original
 * expiry when rotated (see refresh-token.ts), so no token of a grant lives longer than the
 * refresh token lifetime plus one access token lifetime issued at its last moment.
 */
export function grantLifetime(provider: Provider): number {
  const { tokens } = provider.config
  return tokens.refreshTokenTtl + Math.max(tokens.accessTokenTtl, tokens.idTokenTtl)
}

/**
 * How long the marker of a redeemed code is kept. It exists to recognise a replay and revoke what
 * the code was exchanged for (RFC 6749 §4.1.2), so it lives exactly as long as something is left
 * to revoke: the grant's whole lifetime when a refresh token is issued with the code, else the
 * access token's (or the code's, if longer: a replay before it expires must still be recognised).
 * Kept longer, every flow would hold a marker for the refresh token lifetime (14 days by default)
 * whether or not any token could still be revoked.
 */
export function redeemedCodeLifetime(provider: Provider, issuesRefreshToken: boolean): number {
  const { tokens } = provider.config
  if (issuesRefreshToken) return Math.max(tokens.codeTtl, grantLifetime(provider))
  return Math.max(tokens.codeTtl, tokens.accessTokenTtl)
}

export async function revokeGrant(provider: Provider, grantId: string): Promise<void> {
  await provider.store.set(storeKey.revokedGrant(grantId), true, grantLifetime(provider))
  provider.log.info('grant revoked', { grantId })
}

export async function isGrantRevoked(provider: Provider, grantId: string): Promise<boolean> {
  return (await provider.store.get<boolean>(storeKey.revokedGrant(grantId))) === true
}
