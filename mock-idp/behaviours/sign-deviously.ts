/**
 * Signing an ID token the wrong way on purpose, for the `id-token` behaviours whose draft asks for
 * it (behaviour.ts `IdTokenDraft.signing`). Loaded only when such a behaviour is in force.
 */
import { createHash, createHmac, KeyObject, randomBytes } from 'node:crypto'
import type { JWTHeaderParameters } from 'jose'
import { CompactEncrypt } from 'jose/jwe/compact/encrypt'
import { SignJWT } from 'jose/jwt/sign'
import type { KeyStore, SigningKey } from '../keys/key-store.js'
import { base64urlJson as b64, signJwt } from '../keys/sign-jwt.js'
import type { IdTokenDraft } from './behaviour.js'

/** RFC 7518 §3.2: an HMAC over the JWS signing input, with the hash its `alg` names. */
function hmacJws(header: Record<string, unknown>, claims: Record<string, unknown>, secret: Uint8Array): string {
  const alg = typeof header.alg === 'string' && /^HS(256|384|512)$/.test(header.alg) ? header.alg : 'HS256'
  const signingInput = `${b64({ ...header, alg })}.${b64(claims)}`
  const signature = createHmac(`sha${alg.slice(2)}`, secret)
    .update(signingInput)
    .digest('base64url')
  return `${signingInput}.${signature}`
}

/**
 * `key` is the configured key for the token's algorithm, `keys` the issuer's key store (for a key
 * it never publishes), `clientSecret` the secret of the client the ID token is for, if any.
 */
export async function signDeviously(
  draft: IdTokenDraft,
  key: SigningKey,
  keys: KeyStore,
  clientSecret?: string,
): Promise<string> {
  const signed = () => signJwt(draft.header as JWTHeaderParameters, draft.claims, key)
  switch (draft.signing) {
    case 'configured':
      return signed()
    case 'unsigned':
      // RFC 7519 §6.1: an Unsecured JWT has alg "none" and an empty signature.
      return `${b64({ ...draft.header, alg: 'none' })}.${b64(draft.claims)}.`
    case 'unpublished-key': {
      return new SignJWT(draft.claims)
        .setProtectedHeader(draft.header as JWTHeaderParameters)
        .sign(await keys.unpublishedKey(key.alg))
    }
    case 'wrong-hmac-key': {
      const signingInput = `${b64({ ...draft.header, alg: 'HS256' })}.${b64(draft.claims)}`
      const signature = createHmac('sha256', randomBytes(32)).update(signingInput).digest('base64url')
      return `${signingInput}.${signature}`
    }
    case 'client-secret-hmac': {
      // OIDC Core §10.1: the MAC key is "the octets of the UTF-8 representation of the client_secret".
      const { kid: _kid, ...header } = draft.header
      return hmacJws(header, draft.claims, Buffer.from(clientSecret ?? '', 'utf8'))
    }
    case 'unadvertised-alg': {
      // The published RSA key under RS512, which discovery never lists (the mock offers RS256,
      // PS256, ES256 and EdDSA). Other key types have no such sibling: HS256 with the client secret.
      if (key.publicJwk.kty !== 'RSA') {
        const { kid: _kid, ...header } = draft.header
        return hmacJws({ ...header, alg: 'HS256' }, draft.claims, Buffer.from(clientSecret ?? '', 'utf8'))
      }
      return new SignJWT(draft.claims)
        .setProtectedHeader({ ...draft.header, alg: 'RS512' } as JWTHeaderParameters)
        .sign(KeyObject.from(key.privateKey))
    }
    case 'embedded-jwk': {
      const { kid: _kid, alg: _alg, use: _use, ...jwk } = key.publicJwk
      return new SignJWT(draft.claims)
        .setProtectedHeader({ ...draft.header, jwk } as JWTHeaderParameters)
        .sign(key.privateKey)
    }
    case 'critical-extension': {
      // jose refuses to sign a crit it was not told it understands; tell it.
      const crit = Array.isArray(draft.header.crit) ? (draft.header.crit as string[]) : []
      return new SignJWT(draft.claims)
        .setProtectedHeader(draft.header as JWTHeaderParameters)
        .sign(key.privateKey, { crit: Object.fromEntries(crit.map((name) => [name, true])) })
    }
    case 'encrypted-to-client-secret': {
      // OIDC Core §10.2 (symmetric): the key is the left-most 256 bits of the SHA-256 of the
      // client secret; the signed ID token is the plaintext of a nested JWT (cty "JWT").
      const secretKey = createHash('sha256')
        .update(clientSecret ?? randomBytes(32).toString('hex'), 'utf8')
        .digest()
      return new CompactEncrypt(new TextEncoder().encode(await signed()))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' })
        .encrypt(secretKey)
    }
    case 'corrupted-signature': {
      const jws = await signed()
      const dot = jws.lastIndexOf('.')
      const signature = Buffer.from(jws.slice(dot + 1), 'base64url')
      signature[0] = (signature[0] ?? 0) ^ 0xff
      return `${jws.slice(0, dot)}.${signature.toString('base64url')}`
    }
  }
}
