/**
 * `at_hash` and `c_hash` (OIDC Core §3.1.3.6, §3.3.2.11).
 *
 * OIDC Core §3.1.3.6: "Its value is the base64url encoding of the left-most half of the hash of
 * the octets of the ASCII representation of the access_token value, where the hash algorithm used
 * is the hash algorithm used in the alg Header Parameter of the ID Token's JOSE Header."
 */
import { createHash } from 'node:crypto'
import type { SigningAlgorithm } from '../keys/key-store.js'

/**
 * The hash that goes with each JWS algorithm. EdDSA names no hash of its own; the OpenID
 * Foundation's convention (and its conformance suite) uses SHA-512 for Ed25519, the hash inside
 * the signature scheme (RFC 8032 §5.1).
 */
const HASH_FOR: Record<SigningAlgorithm, 'sha256' | 'sha512'> = {
  RS256: 'sha256',
  PS256: 'sha256',
  ES256: 'sha256',
  EdDSA: 'sha512',
}

/** The left-most half of the hash of `value`, base64url-encoded. */
export function halfHash(value: string, alg: SigningAlgorithm): string {
  const digest = createHash(HASH_FOR[alg]).update(value, 'ascii').digest()
  return digest.subarray(0, digest.length / 2).toString('base64url')
}

/** OIDC Core §3.1.3.6 */
export const atHash = (accessToken: string, alg: SigningAlgorithm): string => halfHash(accessToken, alg)

/** OIDC Core §3.3.2.11: only for responses that return a code alongside an ID token (hybrid flow). */
export const cHash = (code: string, alg: SigningAlgorithm): string => halfHash(code, alg)
