/**
 * Signing keys and the published JWK Set (RFC 7517).
 *
 * The default is the committed development key set (`fixtures/keys/development.jwks.json`): the
 * mock starts fast and tokens stay verifiable across restarts, which avoids the "401 after
 * restart" class of bug. Keys can also come from JWK files or be generated at start, and can be
 * rotated on demand: new keys sign at once, the replaced ones stay published for a grace period
 * measured on the provider's clock (control/controller.ts rotateKeys).
 * Every published key carries `kid`, `alg` and `use` so a relying party can pick it
 * (OIDC Core §10.1).
 *
 * Keys read from JWK files (the default) are imported with the platform's WebCrypto, so a start
 * loads no JOSE library; jose is imported when a key is generated (and by whatever signs).
 */
import { readFileSync } from 'node:fs'
import type { CryptoKey, JWK } from 'jose'
import { packageFile } from '../../core/package-root.js'
import { ConfigError } from '../config/config-error.js'
import type { MockIdpConfig } from '../config/schema.js'

export type SigningAlgorithm = 'RS256' | 'ES256' | 'PS256' | 'EdDSA'

export interface SigningKey {
  kid: string
  alg: SigningAlgorithm
  privateKey: CryptoKey
  publicJwk: JWK
}

/** A key in the store; `retiresAt` (ms since the epoch) is set once a rotation replaced it. */
interface StoredKey {
  key: SigningKey
  retiresAt?: number
}

/**
 * The keys as data (private JWKs: secret), so that instances sharing a Redis store sign with the
 * same keys and see each other's rotations (store/redis-shared-state.ts).
 */
export interface KeySnapshot {
  keys: Array<{ jwk: JWK; retiresAt?: number }>
  rotations: number
}

export class KeyStore {
  /** Newest first: the first key of an algorithm signs; the rest are still published until they retire. */
  #keys: StoredKey[]
  /** The keys loaded at start, for restore(). */
  readonly #initial: SigningKey[]
  /** Never rewound (not even by restore): a kid is never reused for different key material. */
  #rotations = 0
  /** Per algorithm, a key this store never publishes (unpublishedKey). */
  readonly #unpublished = new Map<SigningAlgorithm, Promise<CryptoKey>>()

  constructor(keys: SigningKey[]) {
    this.#initial = [...keys]
    this.#keys = keys.map((key) => ({ key }))
  }

  /** The key that signs the next token with `alg`. */
  signingKey(alg: SigningAlgorithm): SigningKey {
    const key = this.#keys.find((candidate) => candidate.key.alg === alg)?.key
    if (!key) throw new Error(`no signing key for ${alg}`)
    return key
  }

  algorithms(): SigningAlgorithm[] {
    return [...new Set(this.#keys.map(({ key }) => key.alg))]
  }

  /**
   * The published JWK Set at `now` (ms since the epoch: pass the provider clock's now, so that
   * advancing the mock's clock ends a rotation's grace period): every key not yet retired.
   */
  jwks(now: number): { keys: JWK[] } {
    return {
      keys: this.#keys
        .filter(({ retiresAt }) => retiresAt === undefined || now < retiresAt)
        .map(({ key }) => key.publicJwk),
    }
  }

  /**
   * A key rotation: the fresh keys go in front (they sign from now on) and every key of the same
   * algorithm they replace leaves the JWK Set at `retireAt` (ms since the epoch), or earlier if an
   * earlier rotation already said so. Keys retired by `now` are dropped, so that rotations do not
   * accumulate keys. Returns the kids of the keys that signed until now.
   */
  rotate(fresh: SigningKey[], retireAt: number, now = Number.NEGATIVE_INFINITY): string[] {
    const algs = new Set(fresh.map((key) => key.alg))
    const kids = new Set(fresh.map((key) => key.kid))
    const previous = [...algs]
      .flatMap((alg) => this.#keys.find(({ key }) => key.alg === alg)?.key.kid ?? [])
      .filter((kid) => !kids.has(kid))
    const kept = this.#keys
      .filter(({ key, retiresAt }) => !kids.has(key.kid) && (retiresAt === undefined || now < retiresAt))
      .map((stored) =>
        algs.has(stored.key.alg) ? { ...stored, retiresAt: Math.min(stored.retiresAt ?? retireAt, retireAt) } : stored,
      )
    this.#keys = [...fresh.map((key) => ({ key })), ...kept]
    return previous
  }

  /**
   * New keys for a rotation, one per algorithm that signs now, with unique readable kids
   * (`rotated-rs256-1`, `rotated-rs256-2`, …).
   */
  async generateRotationKeys(): Promise<SigningKey[]> {
    const algs = this.algorithms()
    const taken = new Set(this.#keys.map(({ key }) => key.kid))
    const kid = (alg: SigningAlgorithm, n: number) => `rotated-${alg.toLowerCase()}-${n}`
    do this.#rotations += 1
    while (algs.some((alg) => taken.has(kid(alg, this.#rotations))))
    const n = this.#rotations
    return Promise.all(algs.map((alg) => generateSigningKey(alg, kid(alg, n))))
  }

  /**
   * A private key of `alg` that is in no JWK Set, generated on first use and kept by this store
   * only: an ID token signed with it cannot be verified by a client that trusts this issuer's
   * JWK Set (the `id-token-unpublished-key` behaviour). Each issuer has its own.
   */
  unpublishedKey(alg: SigningAlgorithm): Promise<CryptoKey> {
    let key = this.#unpublished.get(alg)
    if (!key) {
      key = import('jose/key/generate/keypair')
        .then(({ generateKeyPair }) =>
          generateKeyPair(alg, { extractable: false, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) }),
        )
        .then((pair) => pair.privateKey)
      this.#unpublished.set(alg, key)
    }
    return key
  }

  /** Back to the keys loaded at start: rotations are forgotten (reset). */
  restore(): void {
    this.#keys = this.#initial.map((key) => ({ key }))
  }

  /** The keys in force now, private parts included (never log it). */
  async snapshot(): Promise<KeySnapshot> {
    const keys = await Promise.all(
      this.#keys.map(async ({ key, retiresAt }) => ({
        jwk: withoutWebCryptoMembers({
          ...((await globalThis.crypto.subtle.exportKey('jwk', key.privateKey)) as JWK),
          kid: key.kid,
          alg: key.alg,
          use: 'sig',
        }),
        ...(retiresAt === undefined ? {} : { retiresAt }),
      })),
    )
    return { keys, rotations: this.#rotations }
  }

  /** Takes the keys of a snapshot as the ones in force (another instance rotated them). */
  async replace(snapshot: KeySnapshot): Promise<void> {
    this.#keys = await Promise.all(
      snapshot.keys.map(async ({ jwk, retiresAt }) => ({
        key: await importSigningKey(jwk),
        ...(retiresAt === undefined ? {} : { retiresAt }),
      })),
    )
    this.#rotations = Math.max(this.#rotations, snapshot.rotations)
  }
}

/** A JWK as WebCrypto exports it, without what only WebCrypto reads (`key_ops`, `ext`). */
function withoutWebCryptoMembers(jwk: JWK): JWK {
  const { key_ops: _keyOps, ext: _ext, ...rest } = jwk
  return rest
}

/** A key store whose keys (and the keys `restore` goes back to) are those of `snapshot`. */
export async function keyStoreFromSnapshot(snapshot: KeySnapshot): Promise<KeyStore> {
  const store = new KeyStore(await Promise.all(snapshot.keys.map(({ jwk }) => importSigningKey(jwk))))
  await store.replace(snapshot)
  return store
}

export async function loadKeyStore(config: MockIdpConfig): Promise<KeyStore> {
  const wanted = config.keys.algorithms
  let keys: SigningKey[]
  if (config.keys.source === 'generate') {
    keys = await Promise.all(
      wanted.map((alg, index) => generateSigningKey(alg, `generated-${alg.toLowerCase()}-${index}`)),
    )
  } else {
    const files =
      config.keys.source === 'files' ? config.keys.files : [packageFile('fixtures', 'keys', 'development.jwks.json')]
    const jwks = files.flatMap((file) => readJwkFile(file))
    // Every key is checked, but only those of the algorithms that sign are imported: the
    // development set holds one key per algorithm, and a start uses one of them by default.
    for (const jwk of jwks) checkPrivateJwk(jwk)
    keys = await Promise.all(
      jwks.filter((jwk) => wanted.includes(jwk.alg as SigningAlgorithm)).map((jwk) => importSigningKey(jwk)),
    )
  }
  for (const alg of wanted) {
    if (!keys.some((key) => key.alg === alg)) {
      throw new ConfigError(`keys: no private key for algorithm ${alg} in ${config.keys.source} keys`)
    }
  }
  return new KeyStore(keys.filter((key) => wanted.includes(key.alg)))
}

export async function generateSigningKey(alg: SigningAlgorithm, kid: string): Promise<SigningKey> {
  const [{ generateKeyPair }, { exportJWK }] = await Promise.all([
    import('jose/key/generate/keypair'),
    import('jose/key/export'),
  ])
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  })
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }
  return { kid, alg, privateKey, publicJwk }
}

function readJwkFile(file: string): JWK[] {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new ConfigError(`keys.files: cannot read "${file}" as JSON: ${(error as Error).message}`)
  }
  const list = (parsed as { keys?: unknown }).keys ?? [parsed]
  if (!Array.isArray(list)) throw new ConfigError(`keys.files: "${file}" is neither a JWK nor a JWK Set`)
  return list as JWK[]
}

/** A JWK this store can sign with names its algorithm and kid and holds the private part. */
function checkPrivateJwk(jwk: JWK): asserts jwk is JWK & { alg: SigningAlgorithm; kid: string } {
  const alg = jwk.alg as SigningAlgorithm | undefined
  if (!alg || !['RS256', 'ES256', 'PS256', 'EdDSA'].includes(alg)) {
    throw new ConfigError(`keys: every key needs "alg" (RS256, ES256, PS256 or EdDSA); got ${String(jwk.alg)}`)
  }
  if (!jwk.kid) throw new ConfigError('keys: every key needs a "kid" (OIDC Core §10.1)')
  if (!('d' in jwk)) throw new ConfigError(`keys: key "${jwk.kid}" is public; a private JWK is needed to sign`)
}

async function importSigningKey(jwk: JWK): Promise<SigningKey> {
  checkPrivateJwk(jwk)
  const { alg } = jwk
  const { alg: _alg, use: _use, ...keyData } = jwk
  let privateKey: CryptoKey
  try {
    // Extractable, so that a store shared by several instances can hand it on (snapshot).
    privateKey = await globalThis.crypto.subtle.importKey('jwk', keyData, webCryptoAlgorithm[alg], true, ['sign'])
  } catch (error) {
    throw new ConfigError(`keys: key "${jwk.kid}" cannot be imported for ${alg}: ${(error as Error).message}`)
  }
  return { kid: jwk.kid, alg, privateKey, publicJwk: publicJwkOf(jwk) }
}

/** The members of a public key, by key type (RFC 7518 §6.2.1, §6.3.1; RFC 8037 §2). */
const PUBLIC_MEMBERS: Record<string, readonly string[]> = { RSA: ['n', 'e'], EC: ['crv', 'x', 'y'], OKP: ['crv', 'x'] }

/**
 * The key as the JWK Set publishes it: its public members, kid, alg and use, and nothing else. A
 * JWK exported by WebCrypto (a shared store's snapshot) also carries `key_ops: ["sign"]` and `ext`,
 * and a verifier rightly skips a key whose key_ops do not include "verify" (RFC 7517 §4.3).
 */
function publicJwkOf(jwk: JWK & { kid: string; alg: SigningAlgorithm }): JWK {
  const members = PUBLIC_MEMBERS[jwk.kty ?? ''] ?? []
  const record = jwk as Record<string, unknown>
  const picked = Object.fromEntries(
    members.filter((name) => record[name] !== undefined).map((name) => [name, record[name]]),
  )
  return { kty: jwk.kty, ...picked, kid: jwk.kid, alg: jwk.alg, use: 'sig' }
}

/** The WebCrypto algorithm behind each JWS "alg" (RFC 7518 §3.1; RFC 8037 §3.1 for EdDSA with Ed25519). */
const webCryptoAlgorithm: Record<SigningAlgorithm, RsaHashedImportParams | EcKeyImportParams | Algorithm> = {
  RS256: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  PS256: { name: 'RSA-PSS', hash: 'SHA-256' },
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  EdDSA: { name: 'Ed25519' },
}
