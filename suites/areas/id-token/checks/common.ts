/**
 * Shared pieces of the ID token checks (pure): the left-half hash of OIDC Core §3.1.3.6 (hashing
 * is computation, not I/O) and the claims each scope asks for.
 */
import { createHash } from 'node:crypto'

export const NO_ID_TOKEN = 'the token response carried no ID token (judged by idt.jws-verifiable)'

/**
 * The hash that goes with a JWS `alg` (OIDC Core §3.1.3.6: "the hash algorithm used in the alg
 * Header Parameter"): SHA-256 for *256, SHA-384 for *384, SHA-512 for *512; EdDSA (Ed25519)
 * uses SHA-512, the hash inside its signature scheme, as the OpenID Foundation's suite does.
 */
export function hashForAlg(alg: string | undefined): 'sha256' | 'sha384' | 'sha512' | undefined {
  if (!alg) return undefined
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'sha512'
  const bits = /(256|384|512)$/.exec(alg)?.[1]
  return bits ? (`sha${bits}` as 'sha256' | 'sha384' | 'sha512') : undefined
}

/** base64url of the left-most half of the hash of the ASCII octets of `value`. */
export function halfHash(value: string, hash: 'sha256' | 'sha384' | 'sha512'): string {
  const digest = createHash(hash).update(value, 'ascii').digest()
  return digest.subarray(0, digest.length / 2).toString('base64url')
}

/** The claim names OIDC Core §5.1 defines for the End-User (sub excepted), by scope (§5.4). */
export const SCOPE_CLAIMS: Record<string, string[]> = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
}
