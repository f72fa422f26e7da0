/**
 * Access tokens: opaque random strings by default, or JWTs per RFC 9068 when
 * `tokens.accessTokenFormat` is "jwt". Either way the token is recorded in the store under its own
 * digest, so UserInfo, revocation and introspection look both formats up the same way, a forged
 * or altered JWT is simply unknown, and revoking one is deleting its record.
 *
 * RFC 6749 §10.10: "The probability of an attacker guessing generated tokens … MUST be less than or
 * equal to 2^(-128)": values come from the request's `ids` (256 bits; seeded runs stay byte-stable).
 */
import { epochSeconds } from '../clock.js'
import { isGrantRevoked } from '../grants/grant-revocation.js'
import { signJwt } from '../keys/sign-jwt.js'
import type { Provider } from '../provider.js'
import type { RequestContext } from '../request-context.js'
import { type AccessTokenRecord, storeKey } from '../store/records.js'
import type { Grant, TokenLookup } from './grant.js'
import { signingAlgorithm } from './id-token.js'

export interface IssuedAccessToken {
  token: string
  record: AccessTokenRecord
}

export interface AccessTokenAudience {
  issuer: string
  /**
   * RFC 9068 §3: without a `resource` parameter "the authorization server MUST use a default
   * resource indicator in the aud claim". The only protected resource this provider serves is its
   * UserInfo endpoint, so that URL is the default audience (and introspection reports the same).
   */
  audience: string
}

export async function issueAccessToken(
  context: RequestContext,
  grant: Grant,
  scope: readonly string[],
  audience: AccessTokenAudience,
): Promise<IssuedAccessToken> {
  const { provider, ids } = context
  const issuedAt = epochSeconds(provider.clock)
  const ttl = accessTokenLifetime(context)
  const record: AccessTokenRecord = {
    grantId: grant.grantId,
    clientId: grant.clientId,
    sub: grant.sub,
    scope: [...scope],
    authTime: grant.authTime,
    issuedAt,
    expiresAt: issuedAt + ttl,
    jti: ids.next('access_token_jti', 16),
  }
  if (grant.behaviours !== undefined) record.behaviours = grant.behaviours
  const token =
    provider.config.tokens.accessTokenFormat === 'jwt'
      ? await signJwtAccessToken(provider, record, audience)
      : ids.next('access_token')
  await provider.store.set(storeKey.accessToken(token), record, ttl)
  return { token, record }
}

/**
 * RFC 6750 §5.3: "Token servers SHOULD issue short-lived (one hour or less) bearer tokens". With the
 * rule `access-token-short-lived` waived, tokens live a day, whatever the configuration says.
 */
export function accessTokenLifetime({ provider, behaviours }: RequestContext): number {
  return behaviours.enforces('access-token-short-lived') ? provider.config.tokens.accessTokenTtl : LONG_LIVED
}

const LONG_LIVED = 24 * 60 * 60

/** RFC 9068 §2: a JWT access token with `typ: at+jwt` and the claims of §2.2. */
async function signJwtAccessToken(
  provider: Provider,
  record: AccessTokenRecord,
  { issuer, audience }: AccessTokenAudience,
): Promise<string> {
  const alg = signingAlgorithm(provider)
  const key = provider.keys.signingKey(alg)
  const claims = {
    iss: issuer,
    exp: record.expiresAt,
    aud: audience,
    sub: record.sub,
    client_id: record.clientId,
    iat: record.issuedAt,
    jti: record.jti,
    scope: record.scope.join(' '),
    auth_time: record.authTime,
  }
  // RFC 9068 §2.1: "Resource servers MUST verify that the typ header value is at+jwt".
  return signJwt({ alg, kid: key.kid, typ: 'at+jwt' }, claims, key)
}

export async function findAccessToken(provider: Provider, token: string): Promise<TokenLookup<AccessTokenRecord>> {
  const record = await provider.store.get<AccessTokenRecord>(storeKey.accessToken(token))
  if (!record) return { active: false, reason: 'the access token is unknown, expired or revoked' }
  if (record.expiresAt <= epochSeconds(provider.clock)) return { active: false, reason: 'the access token has expired' }
  if (await isGrantRevoked(provider, record.grantId)) {
    return { active: false, reason: 'the access token was revoked together with its grant' }
  }
  return { active: true, record }
}

/** RFC 7009 §2.1: revoking an access token revokes that token only. */
export async function revokeAccessToken(provider: Provider, token: string): Promise<void> {
  await provider.store.delete(storeKey.accessToken(token))
}
