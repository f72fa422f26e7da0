/**
 * The ID Token (OIDC Core §2, §3.1.3.3, §3.1.3.6; refreshed per §12.2), signed in place
 * (keys/sign-jwt.ts).
 *
 * It carries the protocol claims only: iss, sub, aud, azp, exp, iat, auth_time, nonce (when the
 * authorization request had one) and at_hash. End-user claims stay at the UserInfo endpoint:
 * OIDC Core §5.4 says that when an access token is issued, the scope claims "are returned from the
 * UserInfo Endpoint", which is what certified providers do by default, and the OIDF suite warns
 * about unrequested claims in the ID token (EnsureIdTokenDoesNotContainNonRequestedClaims).
 * `c_hash` is never set: the code flow's token response carries no code (§3.3.2.11 is hybrid only).
 */
import type { JWTHeaderParameters } from 'jose'
import { epochSeconds } from '../clock.js'
import type { SigningAlgorithm } from '../keys/key-store.js'
import { signJwt } from '../keys/sign-jwt.js'
import type { Provider } from '../provider.js'
import type { RequestContext } from '../request-context.js'
import { atHash } from './hashes.js'

export interface IdTokenInput {
  /** The issuer of this request (OIDC Core §3.1.3.7 (2): it must equal the discovered issuer exactly). */
  issuer: string
  clientId: string
  sub: string
  /** Seconds since the epoch. */
  authTime: number
  nonce?: string
  /** The access token issued alongside, for at_hash. */
  accessToken?: string
  /** The grant issuing it: a code redemption, or a refresh (OIDC Core §12.2). */
  grantType: 'authorization_code' | 'refresh_token'
}

/**
 * OIDC Core §3.1.3.7 (7): "The default alg value is RS256"; the first configured algorithm signs,
 * the others are only published (a client could register for them once registration exists).
 */
export function signingAlgorithm(provider: Provider): SigningAlgorithm {
  return provider.config.keys.algorithms[0] ?? 'RS256'
}

export async function signIdToken(context: RequestContext, input: IdTokenInput): Promise<string> {
  const { provider } = context
  const alg = signingAlgorithm(provider)
  const key = provider.keys.signingKey(alg)
  const iat = epochSeconds(provider.clock)
  const claims: Record<string, unknown> = {
    iss: input.issuer,
    sub: context.behaviours.applySubject(input.sub),
    aud: input.clientId,
    // OIDC Core §2: azp "MAY be included even when the authorized party is the same as the sole
    // audience"; it lets relying parties that check it (OAuch HasAuthorizedPartyTest) do so.
    azp: input.clientId,
    exp: iat + provider.config.tokens.idTokenTtl,
    iat,
    auth_time: input.authTime,
  }
  // OIDC Core §3.1.2.1: "If present in the Authentication Request, Authorization Servers MUST
  // include a nonce Claim in the ID Token with the Claim Value being the nonce value sent".
  if (input.nonce !== undefined) claims.nonce = input.nonce
  if (input.accessToken !== undefined) claims.at_hash = atHash(input.accessToken, alg)
  // Claims a test asked for with `use({ claims })`.
  if (context.directives.claims) Object.assign(claims, context.directives.claims)
  const draft = context.behaviours.applyIdToken(
    { header: { alg, kid: key.kid, typ: 'JWT' }, claims, signing: 'configured' },
    { grantType: input.grantType, clientId: input.clientId, now: iat },
  )
  if (draft.signing === 'configured') {
    return signJwt(draft.header as JWTHeaderParameters, draft.claims, key)
  }
  // Deliberately wrong signing, for behaviours (behaviours/catalog/id-token.ts).
  const { signDeviously } = await import('../behaviours/sign-deviously.js')
  return signDeviously(draft, key, provider.keys, provider.clients.get(input.clientId)?.client_secret)
}
