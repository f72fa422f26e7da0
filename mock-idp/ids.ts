/**
 * Identifier generation: codes, tokens, session and interaction ids.
 *
 * By default every value comes from the CSPRNG (RFC 6749 §10.10: "The probability of an attacker
 * guessing generated tokens … MUST be less than or equal to 2^(-128)"). With a seed, values are
 * derived as HMAC-SHA256(seed, purpose ‖ counter), so runs and snapshots are byte-stable while the
 * values stay 256 bits wide and unpredictable to anyone without the seed.
 */
import { createHmac, randomBytes, randomFillSync } from 'node:crypto'

export interface IdGenerator {
  /** A base64url identifier with `bytes` bytes of entropy (default 32). */
  next(purpose: string, bytes?: number): string
}

export const randomIds: IdGenerator = {
  next: (_purpose, bytes = 32) => randomPool(bytes).toString('base64url'),
}

/**
 * CSPRNG bytes drawn from a pool refilled 4 KiB at a time (as `crypto.randomUUID` does): one
 * `randomFillSync` per ~128 identifiers instead of one per identifier. Every byte is used once.
 */
const POOL_SIZE = 4096
const pool = Buffer.allocUnsafe(POOL_SIZE)
let poolOffset = POOL_SIZE

function randomPool(bytes: number): Buffer {
  if (bytes > POOL_SIZE) return randomBytes(bytes)
  if (poolOffset + bytes > POOL_SIZE) {
    randomFillSync(pool)
    poolOffset = 0
  }
  const out = pool.subarray(poolOffset, poolOffset + bytes)
  poolOffset += bytes
  return out
}

export class SeededIds implements IdGenerator {
  readonly #counters = new Map<string, number>()
  constructor(private readonly seed: string) {}

  next(purpose: string, bytes = 32): string {
    const counter = (this.#counters.get(purpose) ?? 0) + 1
    this.#counters.set(purpose, counter)
    let out = Buffer.alloc(0)
    for (let block = 0; out.length < bytes; block++) {
      const digest = createHmac('sha256', this.seed).update(`${purpose}\u0000${counter}\u0000${block}`).digest()
      out = Buffer.concat([out, digest])
    }
    return out.subarray(0, bytes).toString('base64url')
  }

  /** Derived secret material for `purpose` that does not consume a counter (e.g. the cookie key). */
  secret(purpose: string): Buffer {
    return createHmac('sha256', this.seed).update(`secret\u0000${purpose}`).digest()
  }
}

export function createIdGenerator(seed: string | undefined): IdGenerator {
  return seed === undefined ? randomIds : new SeededIds(seed)
}
