/**
 * In-memory store with TTL expiry and a bound on its size (the oldest entries go first), so a
 * long-running mock cannot grow without limit. Single-threaded JavaScript makes `take` atomic.
 */
import type { Clock } from '../clock.js'
import type { Store } from './store.js'

interface Entry {
  value: unknown
  expiresAt: number
}

export class MemoryStore implements Store {
  readonly #entries = new Map<string, Entry>()
  #sweepAt = 0

  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 100_000,
  ) {}

  get size(): number {
    return this.#entries.size
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.#live(key)?.value as T | undefined
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    this.#sweep()
    this.#entries.delete(key) // re-insert so that insertion order is age order
    this.#entries.set(key, { value, expiresAt: this.clock.now() + ttlSeconds * 1000 })
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest === undefined) break
      this.#entries.delete(oldest)
    }
  }

  async take<T>(key: string): Promise<T | undefined> {
    const entry = this.#live(key)
    if (entry) this.#entries.delete(key)
    return entry?.value as T | undefined
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key)
  }

  async clear(): Promise<void> {
    this.#entries.clear()
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.clock.now()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  /** Drops expired entries at most once a second, amortised over writes. */
  #sweep(): void {
    const now = this.clock.now()
    if (now < this.#sweepAt) return
    this.#sweepAt = now + 1000
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key)
    }
  }
}
