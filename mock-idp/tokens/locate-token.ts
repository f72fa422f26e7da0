/**
 * Finding an active token of either type, for revocation (RFC 7009 §2.1) and introspection
 * (RFC 7662 §2.1). `token_type_hint` only decides which type is tried first: "If the server is
 * unable to locate the token using the given hint, it MUST extend its search across all of its
 * supported token types" (RFC 7009 §2.1; RFC 7662 §2.1 says the same). An unknown hint value is
 * ignored rather than refused: RFC 7009 §2.2.1's unsupported_token_type is for token *types* the
 * server cannot revoke, and every type this server issues can be.
 */
import type { Provider } from '../provider.js'
import type { AccessTokenRecord, RefreshTokenRecord } from '../store/records.js'
import { findAccessToken } from './access-token.js'
import { findRefreshToken } from './refresh-token.js'

export type LocatedToken =
  | { type: 'access_token'; record: AccessTokenRecord }
  | { type: 'refresh_token'; record: RefreshTokenRecord }

/**
 * `searchAll: false` is a deviation (a behaviour waiving the endpoint's hint-fallback rule): a hint
 * naming a token type limits the search to that type.
 */
export async function locateActiveToken(
  provider: Provider,
  token: string,
  hint: string | undefined,
  searchAll = true,
): Promise<LocatedToken | undefined> {
  const order =
    hint === 'refresh_token'
      ? (['refresh_token', 'access_token'] as const)
      : (['access_token', 'refresh_token'] as const)
  const known = hint === 'refresh_token' || hint === 'access_token'
  for (const type of searchAll || !known ? order : order.slice(0, 1)) {
    if (type === 'access_token') {
      const lookup = await findAccessToken(provider, token)
      if (lookup.active) return { type, record: lookup.record }
    } else {
      const lookup = await findRefreshToken(provider, token)
      if (lookup.active) return { type, record: lookup.record }
    }
  }
  return undefined
}
