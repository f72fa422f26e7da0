/**
 * A JWT signed with one of the issuer's keys under that key's own algorithm, as a compact JWS
 * (RFC 7515 §7.1) made with Node's synchronous `crypto.sign`.
 *
 * Why not jose here: jose signs through WebCrypto, which runs every signature on libuv's thread
 * pool. An RS256 signature then costs about 0.1 ms more CPU and latency than the same signature
 * signed in place (0.41 against 0.31 ms, docs/performance.md), and it is the largest single cost
 * of a flow. jose still does everything else: it generates, imports and exports the keys, builds
 * the JWK Set, verifies, and signs the tokens a behaviour signs the wrong way on purpose (a header
 * whose `alg` is not the key's goes to jose unchanged).
 */
import { constants, KeyObject, type SignKeyObjectInput, sign } from 'node:crypto'
import type { JWTHeaderParameters } from 'jose'
import { SignJWT } from 'jose/jwt/sign'
import type { SigningAlgorithm, SigningKey } from './key-store.js'

/** How RFC 7518 §3 signs each algorithm the mock offers, in `crypto.sign` terms. */
const schemes: Record<SigningAlgorithm, { digest: 'sha256' | null; options: Omit<SignKeyObjectInput, 'key'> }> = {
  // §3.3: RSASSA-PKCS1-v1_5 with SHA-256.
  RS256: { digest: 'sha256', options: {} },
  // §3.5: RSASSA-PSS with SHA-256, MGF1 with SHA-256, a salt as long as the hash's output.
  PS256: { digest: 'sha256', options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } },
  // §3.4: ECDSA P-256 with SHA-256, the signature as R || S (not DER).
  ES256: { digest: 'sha256', options: { dsaEncoding: 'ieee-p1363' } },
  // RFC 8037 §3.1: Ed25519 signs the input itself, with no separate digest.
  EdDSA: { digest: null, options: {} },
}

/** The Node key behind each WebCrypto key, made once (KeyObject.from works on non-extractable keys). */
const nodeKeys = new WeakMap<CryptoKey, KeyObject>()

function nodeKey(key: CryptoKey): KeyObject {
  let nodeKeyObject = nodeKeys.get(key)
  if (!nodeKeyObject) {
    nodeKeyObject = KeyObject.from(key)
    nodeKeys.set(key, nodeKeyObject)
  }
  return nodeKeyObject
}

/** A JOSE header or claims set as one part of a compact JWS: its JSON, base64url-encoded (RFC 7515 §7.1). */
export const base64urlJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** Signs `claims` with `key` under `header`; the header's `alg` should be the key's own. */
export async function signJwt(header: JWTHeaderParameters, claims: object, key: SigningKey): Promise<string> {
  if (header.alg !== key.alg) {
    return new SignJWT({ ...claims }).setProtectedHeader(header).sign(key.privateKey)
  }
  const { digest, options } = schemes[key.alg]
  const signingInput = `${base64urlJson(header)}.${base64urlJson(claims)}`
  const signature = sign(digest, Buffer.from(signingInput), { ...options, key: nodeKey(key.privateKey) })
  return `${signingInput}.${signature.toString('base64url')}`
}
