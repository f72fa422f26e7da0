/**
 * Refresh tokens (RFC 6749 §1.5, §6): opaque, bound to their client and grant, recorded under
 * their digest. A rotated token leaves a marker behind so that its reuse can be recognised
 * (RFC 9700 §4.14.2).
 */
import { epochSeconds } from '../clock.js'
import { isGrantRevoked } from '../grants/grant-revocation.js'
import type { Provider } from '../provider.js'
import type { RequestContext } from '../request-context.js'
import { type RefreshTokenRecord, storeKey } from '../store/records.js'
import { type Grant, secondsLeft, type TokenLookup } from './grant.js'

export interface IssuedRefreshToken {
  token: string
  record: RefreshTokenRecord
}

/**
 * `expiresAt` defaults to a full refresh token lifetime from now. A rotated token passes its
 * predecessor's expiry on: rotation replaces the credential, it does not extend the grant, which
 * keeps every grant (and its revocation marker) bounded in time.
 */
export async function issueRefreshToken(
  context: RequestContext,
  grant: Grant,
  scope: readonly string[],
  expiresAt?: number,
): Promise<IssuedRefreshToken> {
  const { provider } = context
  const issuedAt = epochSeconds(provider.clock)
  const record: RefreshTokenRecord = {
    grantId: grant.grantId,
    clientId: grant.clientId,
    sub: grant.sub,
    scope: [...scope],
    authTime: grant.authTime,
    issuedAt,
    expiresAt: expiresAt ?? issuedAt + provider.config.tokens.refreshTokenTtl,
  }
  if (grant.nonce !== undefined) record.nonce = grant.nonce
  if (grant.sessionId !== undefined) record.sessionId = grant.sessionId
  if (grant.behaviours !== undefined) record.behaviours = grant.behaviours
  const token = context.ids.next('refresh_token')
  await provider.store.set(storeKey.refreshToken(token), record, secondsLeft(record.expiresAt, issuedAt))
  return { token, record }
}

export async function findRefreshToken(provider: Provider, token: string): Promise<TokenLookup<RefreshTokenRecord>> {
  const record = await provider.store.get<RefreshTokenRecord>(storeKey.refreshToken(token))
  if (!record) {
    const rotated = await provider.store.get<RefreshTokenRecord>(storeKey.rotatedRefreshToken(token))
    return {
      active: false,
      reason:
        rotated === undefined
          ? 'the refresh token is unknown, expired or revoked'
          : 'the refresh token has already been used and was replaced by a newer one',
    }
  }
  if (record.expiresAt <= epochSeconds(provider.clock))
    return { active: false, reason: 'the refresh token has expired' }
  if (await isGrantRevoked(provider, record.grantId)) {
    return { active: false, reason: 'the refresh token was revoked together with its grant' }
  }
  return { active: true, record }
}
