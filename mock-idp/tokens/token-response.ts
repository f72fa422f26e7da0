/**
 * The successful token response (RFC 6749 §5.1; OIDC Core §3.1.3.3), shared by both grants.
 *
 * RFC 6749 §5.1: access_token and token_type REQUIRED, expires_in RECOMMENDED, refresh_token
 * OPTIONAL, and scope "OPTIONAL, if identical to the scope requested by the client; otherwise,
 * REQUIRED". `scope` is always sent: the client never has to work out what it was granted.
 */
import type { RequestContext } from '../request-context.js'
import { issueAccessToken } from './access-token.js'
import type { Grant } from './grant.js'
import { signIdToken } from './id-token.js'
import { issueRefreshToken } from './refresh-token.js'

export interface TokenResponse {
  access_token: string
  token_type: 'Bearer'
  expires_in: number
  refresh_token?: string
  id_token?: string
  scope: string
}

export interface IssueTokens {
  issuer: string
  /** Default audience of JWT access tokens (see access-token.ts). */
  audience: string
  grant: Grant
  /** Scope of the new access token. */
  scope: readonly string[]
  /** Issue a refresh token with this scope (and, when rotating, the predecessor's expiry). */
  refreshToken?: { scope: readonly string[]; expiresAt?: number }
  /** The authorization request's nonce, for the ID token; never sent on refresh (OIDC Core §12.2). */
  nonce?: string
  grantType: 'authorization_code' | 'refresh_token'
}

export async function issueTokens(context: RequestContext, input: IssueTokens): Promise<TokenResponse> {
  const access = await issueAccessToken(context, input.grant, input.scope, {
    issuer: input.issuer,
    audience: input.audience,
  })
  const response: TokenResponse = {
    access_token: access.token,
    token_type: 'Bearer',
    expires_in: access.record.expiresAt - access.record.issuedAt,
    scope: input.scope.join(' '),
  }
  if (input.refreshToken) {
    const refresh = await issueRefreshToken(
      context,
      input.grant,
      input.refreshToken.scope,
      input.refreshToken.expiresAt,
    )
    response.refresh_token = refresh.token
  }
  // OIDC Core §3.1.3.3: the response carries an ID token for an OpenID Connect request, i.e. one
  // whose scope contains "openid" (§3.1.2.1); a plain OAuth grant gets none.
  if (input.scope.includes('openid')) {
    response.id_token = await signIdToken(context, {
      issuer: input.issuer,
      clientId: input.grant.clientId,
      sub: input.grant.sub,
      authTime: input.grant.authTime,
      nonce: input.nonce,
      accessToken: access.token,
      grantType: input.grantType,
    })
  }
  return response
}
