/**
 * Signing an ID token the wrong way on purpose, for the `id-token` behaviours whose draft asks for
 * it (behaviour.ts `IdTokenDraft.signing`). Loaded only when such a behaviour is in force.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { JWTHeaderParameters } from 'jose'
import { SignJWT } from 'jose/jwt/sign'
import { generateKeyPair } from 'jose/key/generate/keypair'
import type { SigningKey } from '../keys/key-store.js'
import type { IdTokenDraft } from './behaviour.js'

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A key generated once per process and never published in the JWK Set. */
let unpublished: Promise<CryptoKey> | undefined

export async function signDeviously(draft: IdTokenDraft, key: SigningKey): Promise<string> {
  switch (draft.signing) {
    case 'configured':
      return new SignJWT(draft.claims).setProtectedHeader(draft.header as JWTHeaderParameters).sign(key.privateKey)
    case 'unsigned':
      // RFC 7519 §6.1: an Unsecured JWT has alg "none" and an empty signature.
      return `${b64({ ...draft.header, alg: 'none' })}.${b64(draft.claims)}.`
    case 'unpublished-key': {
      unpublished ??= generateKeyPair(key.alg, { extractable: false }).then((pair) => pair.privateKey)
      return new SignJWT(draft.claims).setProtectedHeader(draft.header as JWTHeaderParameters).sign(await unpublished)
    }
    case 'wrong-hmac-key': {
      const signingInput = `${b64({ ...draft.header, alg: 'HS256' })}.${b64(draft.claims)}`
      const signature = createHmac('sha256', randomBytes(32)).update(signingInput).digest('base64url')
      return `${signingInput}.${signature}`
    }
    case 'corrupted-signature': {
      const jws = await new SignJWT(draft.claims)
        .setProtectedHeader(draft.header as JWTHeaderParameters)
        .sign(key.privateKey)
      const dot = jws.lastIndexOf('.')
      const signature = Buffer.from(jws.slice(dot + 1), 'base64url')
      signature[0] = (signature[0] ?? 0) ^ 0xff
      return `${jws.slice(0, dot)}.${signature.toString('base64url')}`
    }
  }
}
