/**
 * Reads an ID token for the checks: header and claims decoded, and the signature verified with
 * the JWKS key its header names (OIDC Core §3.1.3.7 steps 6–8, §10.1). Verification happens here
 * (gathering) so that checks stay pure.
 */
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JWK,
  type JWTPayload,
  jwtVerify,
  type ProtectedHeaderParameters,
} from 'jose'

export interface IdTokenInspection {
  raw: string
  header?: ProtectedHeaderParameters
  claims?: JWTPayload & Record<string, unknown>
  /** Undefined when it was not a decodable JWS. */
  decodeError?: string
  signature: { verified: boolean; error?: string; matchingKeys: number }
}

export async function inspectIdToken(raw: string, keys: JWK[] | undefined): Promise<IdTokenInspection> {
  let header: ProtectedHeaderParameters | undefined
  let claims: (JWTPayload & Record<string, unknown>) | undefined
  try {
    header = decodeProtectedHeader(raw)
    claims = decodeJwt(raw) as JWTPayload & Record<string, unknown>
  } catch (error) {
    return {
      raw,
      decodeError: (error as Error).message,
      signature: { verified: false, error: 'not a decodable JWS', matchingKeys: 0 },
    }
  }
  const matchingKeys = (keys ?? []).filter(
    (key) =>
      (header.kid === undefined || key.kid === header.kid) &&
      (key.use === undefined || key.use === 'sig') &&
      (key.alg === undefined || key.alg === header.alg),
  ).length
  if (!keys || keys.length === 0)
    return { raw, header, claims, signature: { verified: false, error: 'no JWK Set to verify with', matchingKeys } }
  if (header.alg === 'none')
    return { raw, header, claims, signature: { verified: false, error: 'alg is "none"', matchingKeys } }
  try {
    // Only the signature here: claim checks are the checks' job, with their own messages.
    await jwtVerify(raw, createLocalJWKSet({ keys }), { clockTolerance: Number.MAX_SAFE_INTEGER })
    return { raw, header, claims, signature: { verified: true, matchingKeys } }
  } catch (error) {
    return { raw, header, claims, signature: { verified: false, error: (error as Error).message, matchingKeys } }
  }
}
