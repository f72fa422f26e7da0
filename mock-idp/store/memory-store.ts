/**
 * The in-memory store: every entry expires with its own lifetime, and each kind keeps within its
 * own budget of entries and bytes (store.ts), so memory follows the work and a flood of one kind
 * cannot touch another.
 *
 * Expiry costs bounded work at every step, never a pass over everything:
 * - on read: an expired entry is dropped when it is looked up;
 * - on write: a few entries of the written kind are examined (so expired ones go at least as fast
 *   as new ones arrive), and, when the kind is full, expired entries at its oldest end first;
 * - in the background: an unref'd timer examines at most `sweepSlice` entries per tick, resuming
 *   where it stopped (a Map iterator stays valid while entries are added and deleted).
 *
 * Each kind's Map keeps insertion order, and a write re-inserts, so its first entry is the least
 * recently written: what `evict-oldest` drops, and, since a kind's entries mostly share one
 * lifetime, the first to expire. Single-threaded JavaScript makes `take` atomic.
 */
import type { Clock } from '../clock.js'
import type { Logger } from '../log.js'
import { jsonSize } from './json-size.js'
import { kindOfKey } from './records.js'
import {
  type KindBudget,
  type LeaveBehind,
  type Store,
  type StoreBudgets,
  StoreFullError,
  type StoreKind,
  type StoreUsage,
  storeKinds,
  whenFull,
} from './store.js'

export interface MemoryStoreOptions {
  clock: Clock
  budgets: StoreBudgets
  /** Where a key belongs (default: by its prefix, records.ts). */
  kindOf?: (key: string) => StoreKind
  /** Told, at most once a minute per kind, when a full budget refuses or evicts. */
  log?: Logger
  /** Entries the background sweeper examines per tick (default 1000). */
  sweepSlice?: number
  /** Milliseconds between background sweeps (default 1000; 0: no timer, `sweep()` by hand). */
  sweepIntervalMs?: number
}

interface Entry {
  value: unknown
  /** Milliseconds since the epoch, on the store's clock. */
  expiresAt: number
  bytes: number
}

/** One kind's entries, oldest first, and what they add up to. */
interface Shelf {
  kind: StoreKind
  budget: KindBudget
  entries: Map<string, Entry>
  bytes: number
  refused: number
  evicted: number
  /** Where the sweeper resumes; undefined: at the start of the next pass. */
  cursor: MapIterator<[string, Entry]> | undefined
  /**
   * The oldest entry, found by an iterator that stays at the head: deleted entries leave holes at
   * the front of a Map until it is rehashed, which a new iterator would walk through every time.
   */
  head: MapIterator<[string, Entry]> | undefined
  oldest: [string, Entry] | undefined
  /** When the last "budget full" warning was logged, and what happened since. */
  warnedAt: number
  unreported: number
}

/**
 * What an entry costs beyond its key's characters and its value's JSON size: the Map slot, the
 * entry object, string and object headers. With it, the accounted bytes of each kind's records
 * came within 5% of the V8 heap they held (measured with Node 20 on 20,000 entries per kind).
 */
const ENTRY_OVERHEAD = 160
/** Entries of the written kind examined by each write (more than one, so sweeping outpaces writing). */
const WRITE_SLICE = 4
const WARN_EVERY_MS = 60_000

export class MemoryStore implements Store {
  readonly #clock: Clock
  readonly #kindOf: (key: string) => StoreKind
  readonly #log: Logger | undefined
  readonly #sweepSlice: number
  readonly #shelves: Record<StoreKind, Shelf>
  readonly #order: Shelf[]
  #nextShelf = 0
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(options: MemoryStoreOptions) {
    this.#clock = options.clock
    this.#kindOf = options.kindOf ?? kindOfKey
    this.#log = options.log
    this.#sweepSlice = options.sweepSlice ?? 1000
    const shelf = (kind: StoreKind): Shelf => ({
      kind,
      budget: { ...options.budgets[kind] },
      entries: new Map(),
      bytes: 0,
      refused: 0,
      evicted: 0,
      cursor: undefined,
      head: undefined,
      oldest: undefined,
      warnedAt: Number.NEGATIVE_INFINITY,
      unreported: 0,
    })
    this.#shelves = {
      interactions: shelf('interactions'),
      sessions: shelf('sessions'),
      codes: shelf('codes'),
      tokens: shelf('tokens'),
    }
    this.#order = storeKinds.map((kind) => this.#shelves[kind])
    const interval = options.sweepIntervalMs ?? 1000
    if (interval > 0) {
      // The timer holds the store only weakly: a store nobody closed can still be collected,
      // and its timer then stops itself.
      const self = new WeakRef(this)
      const timer = setInterval(() => {
        const store = self.deref()
        if (store) store.sweep()
        else clearInterval(timer)
      }, interval)
      timer.unref()
      this.#timer = timer
    }
  }

  /** Entries held, of every kind (expired ones not yet swept included). */
  get size(): number {
    return this.#order.reduce((sum, shelf) => sum + shelf.entries.size, 0)
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.#live(this.#shelfOf(key), key)?.value as T | undefined
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    const shelf = this.#shelfOf(key)
    const now = this.#clock.now()
    this.#sweepShelf(shelf, WRITE_SLICE, now)
    const entry: Entry = {
      value,
      expiresAt: now + ttlSeconds * 1000,
      bytes: ENTRY_OVERHEAD + key.length + jsonSize(value),
    }
    const previous = shelf.entries.get(key)
    if (previous) this.#remove(shelf, key, previous)
    if (previous && previous.expiresAt > now) {
      // Replacing a live entry continues something already admitted (a login moving on to its
      // consent page, a consent remembered in a session): never refused.
      this.#insert(shelf, key, entry)
      if (whenFull[shelf.kind] === 'evict-oldest') this.#makeRoom(shelf, 0, 0, now, key)
      return
    }
    if (entry.bytes > shelf.budget.maxBytes || !this.#makeRoom(shelf, 1, entry.bytes, now)) {
      shelf.refused++
      this.#warn(shelf, now, 'refusing new entries')
      throw new StoreFullError(shelf.kind, this.#retryAfter(shelf, now))
    }
    this.#insert(shelf, key, entry)
  }

  async take<T>(key: string, leave?: LeaveBehind): Promise<T | undefined> {
    const shelf = this.#shelfOf(key)
    const entry = this.#live(shelf, key)
    if (entry) this.#remove(shelf, key, entry)
    // `set` runs to completion synchronously (it awaits nothing), so no other request runs between.
    if (entry && leave) await this.set(leave.key, entry.value, leave.ttlSeconds)
    return entry?.value as T | undefined
  }

  async delete(key: string): Promise<void> {
    const shelf = this.#shelfOf(key)
    const entry = shelf.entries.get(key)
    if (entry) this.#remove(shelf, key, entry)
  }

  async clear(): Promise<void> {
    for (const shelf of this.#order) {
      shelf.entries.clear()
      shelf.bytes = 0
      shelf.refused = 0
      shelf.evicted = 0
      shelf.cursor = undefined
      shelf.head = undefined
      shelf.oldest = undefined
      shelf.unreported = 0
      shelf.warnedAt = Number.NEGATIVE_INFINITY
    }
  }

  async usage(): Promise<StoreUsage> {
    const of = ({ budget, entries, bytes, refused, evicted }: Shelf) => ({
      ...budget,
      entries: entries.size,
      bytes,
      refused,
      evicted,
    })
    const s = this.#shelves
    return {
      interactions: of(s.interactions),
      sessions: of(s.sessions),
      codes: of(s.codes),
      tokens: of(s.tokens),
    }
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = undefined
  }

  /**
   * One background tick: examines at most `limit` entries, continuing each kind's pass where the
   * last tick stopped and starting with the next kind each time, and drops the expired ones.
   * Returns how many it dropped.
   */
  sweep(limit = this.#sweepSlice): number {
    const now = this.#clock.now()
    let examined = 0
    let removed = 0
    for (let i = 0; i < this.#order.length && examined < limit; i++) {
      const shelf = this.#order[(this.#nextShelf + i) % this.#order.length]!
      const slice = this.#sweepShelf(shelf, limit - examined, now)
      examined += slice.examined
      removed += slice.removed
    }
    this.#nextShelf = (this.#nextShelf + 1) % this.#order.length
    return removed
  }

  #shelfOf(key: string): Shelf {
    return this.#shelves[this.#kindOf(key)]
  }

  #live(shelf: Shelf, key: string): Entry | undefined {
    const entry = shelf.entries.get(key)
    if (!entry) return undefined
    if (entry.expiresAt <= this.#clock.now()) {
      this.#remove(shelf, key, entry)
      return undefined
    }
    return entry
  }

  #insert(shelf: Shelf, key: string, entry: Entry): void {
    shelf.entries.set(key, entry)
    shelf.bytes += entry.bytes
  }

  #remove(shelf: Shelf, key: string, entry: Entry): void {
    shelf.entries.delete(key)
    shelf.bytes -= entry.bytes
  }

  #sweepShelf(shelf: Shelf, limit: number, now: number): { examined: number; removed: number } {
    let examined = 0
    let removed = 0
    let restarted = false
    while (examined < limit) {
      if (!shelf.cursor) {
        // A new pass, at most once per slice (a small kind is not examined twice in one slice).
        if (restarted) break
        shelf.cursor = shelf.entries.entries()
        restarted = true
      }
      const next = shelf.cursor.next()
      if (next.done) {
        shelf.cursor = undefined
        continue
      }
      examined++
      const [key, entry] = next.value
      if (entry.expiresAt <= now) {
        this.#remove(shelf, key, entry)
        removed++
      }
    }
    return { examined, removed }
  }

  /**
   * Frees room for `entries` more entries of `bytes` more bytes: expired entries at the oldest
   * end first, then — only where the kind evicts — the oldest live ones (never `keep`).
   * Returns whether the room is there.
   */
  #makeRoom(shelf: Shelf, entries: number, bytes: number, now: number, keep?: string): boolean {
    const { maxEntries, maxBytes } = shelf.budget
    const fits = () => shelf.entries.size + entries <= maxEntries && shelf.bytes + bytes <= maxBytes
    for (let oldest = this.#oldest(shelf); oldest && !fits(); oldest = this.#oldest(shelf)) {
      if (oldest[1].expiresAt > now) break
      this.#remove(shelf, oldest[0], oldest[1])
    }
    if (fits() || whenFull[shelf.kind] === 'refuse') return fits()
    let evicted = 0
    for (let oldest = this.#oldest(shelf); oldest && !fits(); oldest = this.#oldest(shelf)) {
      if (oldest[0] === keep) break
      this.#remove(shelf, oldest[0], oldest[1])
      evicted++
    }
    shelf.evicted += evicted
    if (evicted > 0) this.#warn(shelf, now, 'evicting the oldest entries', evicted)
    return fits()
  }

  /** The kind's least recently written entry. */
  #oldest(shelf: Shelf): [string, Entry] | undefined {
    for (;;) {
      if (!shelf.oldest) {
        shelf.head ??= shelf.entries.entries()
        const next = shelf.head.next()
        if (next.done) {
          shelf.head = undefined
          return undefined
        }
        shelf.oldest = next.value
      }
      const [key, entry] = shelf.oldest
      if (shelf.entries.get(key) === entry) return shelf.oldest
      // Deleted since, or written again (its new place is further on).
      shelf.oldest = undefined
    }
  }

  /** Seconds until the kind's oldest entry expires: when a refused request may find room. */
  #retryAfter(shelf: Shelf, now: number): number {
    const oldest = this.#oldest(shelf)?.[1]
    const ms = oldest === undefined ? 1000 : oldest.expiresAt - now
    return Math.max(1, Math.ceil(ms / 1000))
  }

  #warn(shelf: Shelf, now: number, action: string, count = 1): void {
    shelf.unreported += count
    if (!this.#log || now - shelf.warnedAt < WARN_EVERY_MS) return
    const { kind, budget, entries, bytes } = shelf
    this.#log.warn(
      `store: the ${kind} budget is full (limits.store.${kind}: ${entries.size}/${budget.maxEntries} entries, ${bytes}/${budget.maxBytes} bytes); ${action}`,
      { kind, affected: shelf.unreported, refused: shelf.refused, evicted: shelf.evicted },
    )
    shelf.warnedAt = now
    shelf.unreported = 0
  }
}
