/** PKCE S256 (RFC 7636 §4.1–4.2) and the random state and nonce of one authorization request. */
import { createHash, randomBytes } from 'node:crypto'

export interface AuthorizationSecrets {
  codeVerifier: string
  codeChallenge: string
  state: string
  nonce: string
}

export function newAuthorizationSecrets(): AuthorizationSecrets {
  const codeVerifier = randomBytes(32).toString('base64url')
  return {
    codeVerifier,
    codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    state: randomBytes(16).toString('base64url'),
    nonce: randomBytes(16).toString('base64url'),
  }
}
