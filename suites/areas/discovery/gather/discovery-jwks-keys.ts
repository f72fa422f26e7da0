/**
 * Parses every key of the published JWK Set with jose (RFC 7517 §4, §5), so the discovery
 * checks can judge "every key is usable" without doing crypto themselves.
 */
import { importJWK, type JWK } from 'jose'
import { defineGatherer } from '../../../harness/gatherer.js'
import { isObject } from '../../../harness/is-object.js'

export interface JwksKeyReport {
  index: number
  kid?: unknown
  kty?: unknown
  use?: unknown
  alg?: unknown
  /** jose could build a usable key from it (for its `alg`, or a default alg for its type). */
  importable: boolean
  error?: string
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    discoveryJwksKeys: JwksKeyReport[]
  }
}

/** An algorithm jose can import a key of this type with, when the key names none. */
function defaultAlg(key: Record<string, unknown>): string | undefined {
  if (typeof key.alg === 'string') return key.alg
  if (key.kty === 'RSA') return 'RS256'
  if (key.kty === 'EC')
    return ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as Record<string, string>)[String(key.crv)]
  if (key.kty === 'OKP') return 'EdDSA'
  return undefined
}

export const discoveryJwksKeysGatherer = defineGatherer({
  id: 'discovery-jwks-keys',
  provides: ['discoveryJwksKeys'],
  gather: async (context) => {
    const jwks = await context.need('jwks')
    const keys = jwks.keys ?? []
    const reports = await Promise.all(
      keys.map(async (key, index): Promise<JwksKeyReport> => {
        const base = { index, kid: key.kid, kty: key.kty, use: key.use, alg: key.alg }
        if (!isObject(key)) return { ...base, importable: false, error: 'not a JSON object' }
        const alg = defaultAlg(key)
        if (!alg) return { ...base, importable: false, error: `no algorithm known for kty "${String(key.kty)}"` }
        try {
          await importJWK(key as JWK, alg)
          return { ...base, importable: true }
        } catch (error) {
          return { ...base, importable: false, error: (error as Error).message }
        }
      }),
    )
    return { discoveryJwksKeys: reports }
  },
})
