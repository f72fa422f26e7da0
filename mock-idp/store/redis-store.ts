/**
 * The Redis store (config `store.url`): the Store of store.ts kept in one Redis that several
 * instances of the mock share, so a flow may cross them behind a load balancer
 * (docs/several-instances.md). Same kinds, budgets and lifetimes as the memory store; every write
 * and every `take` is one Lua script (redis-scripts.ts), so a code is redeemed at most once across
 * all instances and budgets hold for all of them together.
 *
 * Redis away: a request fails at once with `StoreUnavailable` (503 temporarily_unavailable,
 * RFC 6749 §4.1.2.1 / §5.2), never waits in a queue and never succeeds wrongly; the client
 * reconnects by itself and one log line says when Redis is lost and when it is back.
 *
 * ioredis is an optional peer dependency, imported only when a redis:// store is configured.
 */
import type { Redis as RedisClient, RedisOptions } from 'ioredis'
import { rethrowMissingPeer } from '../../core/optional-peer.js'
import type { Clock } from '../clock.js'
import { TemporarilyUnavailable } from '../errors.js'
import type { Logger } from '../log.js'
import { jsonSize } from './json-size.js'
import { kindOfKey } from './records.js'
import { DELETE_SCRIPT, SET_SCRIPT, TAKE_SCRIPT, USAGE_SCRIPT } from './redis-scripts.js'
import { redactRedisUrl } from './redis-url.js'
import {
  type KindUsage,
  type LeaveBehind,
  type Store,
  type StoreBudgets,
  StoreFullError,
  type StoreKind,
  type StoreUsage,
  storeKinds,
  whenFull,
} from './store.js'

export interface RedisStoreOptions {
  /** redis://[:password@]host:port/db or rediss://… */
  url: string
  /** Prefix of every key this store writes (one per issuer, so issuers never see each other's entries). */
  namespace: string
  clock: Clock
  budgets: StoreBudgets
  log?: Logger
  /** Where a key belongs (default: by its prefix, records.ts). */
  kindOf?: (key: string) => StoreKind
  /** Milliseconds a connection attempt or a command may take before it fails (default 2000). */
  timeoutMs?: number
}

/**
 * The memory store's per-entry overhead (memory-store.ts), so that budgets mean about the same
 * number of entries in either store.
 */
const ENTRY_OVERHEAD = 160
/** Longest pause between two reconnection attempts while Redis is away. */
const MAX_RECONNECT_DELAY_MS = 1000

/** The store's Redis cannot be reached: the request is refused with 503, the instance carries on. */
export class StoreUnavailable extends TemporarilyUnavailable {
  constructor() {
    super('the server cannot reach its session store right now; try again in a moment', {
      headers: { 'Retry-After': '1' },
    })
  }
}

/** Start-up could not reach Redis: one line naming the URL (its password redacted), no stack. */
export class StoreUnreachable extends Error {
  constructor(url: string, reason: string) {
    super(`cannot reach the Redis store at ${redactRedisUrl(url)} (store.url): ${reason}`)
    this.name = 'StoreUnreachable'
  }
}

interface ScriptedClient extends RedisClient {
  codeflowSet(...args: Array<string | number>): Promise<[string, number]>
  codeflowTake(...args: Array<string | number>): Promise<string | null>
  codeflowDelete(...args: Array<string | number>): Promise<number>
  codeflowUsage(...args: Array<string | number>): Promise<[number, number, number, number]>
}

/** Connects to Redis (failing with StoreUnreachable when it cannot) and returns the store. */
export async function connectRedisStore(options: RedisStoreOptions): Promise<RedisStore> {
  const { Redis } = await import('ioredis').catch(
    rethrowMissingPeer('ioredis', 'the Redis store (store.url)', '^6.0.0'),
  )
  const timeoutMs = options.timeoutMs ?? 2000
  const settings: RedisOptions = {
    lazyConnect: true,
    // While disconnected a command fails at once instead of waiting in a queue: a request must
    // never hang on a Redis that is away.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    // Reconnects for as long as the process runs, backing off to one attempt a second.
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, MAX_RECONNECT_DELAY_MS),
  }
  const client = new Redis(options.url, settings) as ScriptedClient
  client.defineCommand('codeflowSet', { numberOfKeys: 0, lua: SET_SCRIPT })
  client.defineCommand('codeflowTake', { numberOfKeys: 0, lua: TAKE_SCRIPT })
  client.defineCommand('codeflowDelete', { numberOfKeys: 0, lua: DELETE_SCRIPT })
  client.defineCommand('codeflowUsage', { numberOfKeys: 0, lua: USAGE_SCRIPT })
  let firstError: Error | undefined
  const beforeReady = (error: Error) => {
    firstError ??= error
  }
  client.on('error', beforeReady)
  try {
    await client.connect()
    await client.ping()
  } catch (error) {
    client.disconnect()
    const reason = (firstError ?? (error as Error)).message
    throw new StoreUnreachable(options.url, reason)
  } finally {
    client.off('error', beforeReady)
  }
  return new RedisStore(client, options)
}

export class RedisStore implements Store {
  readonly #client: ScriptedClient
  readonly #ns: string
  readonly #clock: Clock
  readonly #budgets: StoreBudgets
  readonly #kindOf: (key: string) => StoreKind
  readonly #log: Logger | undefined
  readonly #where: string
  #lost = false
  #closed = false

  constructor(client: ScriptedClient, options: RedisStoreOptions) {
    this.#client = client
    this.#ns = options.namespace
    this.#clock = options.clock
    this.#budgets = options.budgets
    this.#kindOf = options.kindOf ?? kindOfKey
    this.#log = options.log
    this.#where = redactRedisUrl(options.url)
    client.on('error', (error: Error) => this.#unavailable(error))
    client.on('close', () => this.#unavailable(new Error('connection closed')))
    client.on('ready', () => {
      if (!this.#lost) return
      this.#lost = false
      this.#log?.warn(`store: Redis at ${this.#where} is back; serving requests again`)
    })
  }

  /** The Redis connection, for the shared control state of the same instance (shared-state.ts). */
  get client(): RedisClient {
    return this.#client
  }

  /** The prefix of every key of this store. */
  get namespace(): string {
    return this.#ns
  }

  async get<T>(key: string): Promise<T | undefined> {
    const stored = await this.#call(() => this.#client.get(this.#entryKey(key)))
    if (stored === null) return undefined
    const space = stored.indexOf(' ')
    if (Number(stored.slice(0, space)) <= this.#clock.now()) return undefined
    return JSON.parse(stored.slice(space + 1)) as T
  }

  async set<T>(key: string, value: T, ttlSeconds: number): Promise<void> {
    const kind = this.#kindOf(key)
    const json = JSON.stringify(value)
    const now = this.#clock.now()
    const [outcome, detail] = await this.#call(() =>
      this.#client.codeflowSet(
        this.#ns,
        now,
        kind,
        key,
        json,
        ...this.#placement(ttlSeconds, now),
        // The same accounting as the memory store: overhead, key, the record's JSON size.
        ENTRY_OVERHEAD + key.length + jsonSize(value),
        ...this.#budget(kind),
      ),
    )
    if (outcome === 'FULL') {
      this.#log?.warn(`store: the ${kind} budget is full (limits.store.${kind}); refusing new entries`)
      throw new StoreFullError(kind, Math.max(1, Math.ceil(detail / 1000)))
    }
  }

  async take<T>(key: string, leave?: LeaveBehind): Promise<T | undefined> {
    const now = this.#clock.now()
    const args: Array<string | number> = [this.#ns, now, this.#kindOf(key), key]
    if (leave) {
      const kind = this.#kindOf(leave.key)
      args.push(kind, leave.key, ...this.#placement(leave.ttlSeconds, now), ENTRY_OVERHEAD, ...this.#budget(kind))
    }
    const json = await this.#call(() => this.#client.codeflowTake(...args))
    return json === null ? undefined : (JSON.parse(json) as T)
  }

  async delete(key: string): Promise<void> {
    await this.#call(() => this.#client.codeflowDelete(this.#ns, this.#clock.now(), this.#kindOf(key), key))
  }

  /** Deletes every entry of this namespace (and its bookkeeping), a bounded batch at a time. */
  async clear(): Promise<void> {
    await this.deleteMatching(`${this.#ns}[exbm]:*`)
  }

  /** Deletes every key matching `pattern` (a SCAN pattern), a bounded batch at a time. */
  async deleteMatching(pattern: string): Promise<void> {
    let cursor = '0'
    do {
      const [next, keys] = await this.#call(() => this.#client.scan(cursor, 'MATCH', pattern, 'COUNT', 500))
      if (keys.length > 0) await this.#call(() => this.#client.unlink(...keys))
      cursor = next
    } while (cursor !== '0')
  }

  async usage(): Promise<StoreUsage> {
    const now = this.#clock.now()
    const of = async (kind: StoreKind): Promise<KindUsage> => {
      const [entries, bytes, refused, evicted] = await this.#call(() => this.#client.codeflowUsage(this.#ns, now, kind))
      return { ...this.#budgets[kind], entries, bytes, refused, evicted }
    }
    const [interactions, sessions, codes, tokens] = await Promise.all(storeKinds.map(of))
    return { interactions: interactions!, sessions: sessions!, codes: codes!, tokens: tokens! }
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    await this.#client.quit().catch(() => this.#client.disconnect())
  }

  /**
   * Runs one Redis call; a failure of the connection (not of our own scripts' logic) becomes
   * StoreUnavailable, logged once until Redis is back.
   */
  async #call<R>(operation: () => Promise<R>): Promise<R> {
    if (this.#client.status !== 'ready') {
      this.#unavailable(new Error(`connection ${this.#client.status}`))
      throw new StoreUnavailable()
    }
    try {
      return await operation()
    } catch (error) {
      this.#unavailable(error as Error)
      throw new StoreUnavailable()
    }
  }

  #unavailable(error: Error): void {
    if (this.#lost || this.#closed) return
    this.#lost = true
    this.#log?.error(
      `store: Redis at ${this.#where} is unavailable (${error.message}); answering 503 temporarily_unavailable until it is back`,
    )
  }

  #entryKey(key: string): string {
    return `${this.#ns}e:${key}`
  }

  /** Redis TTL (ms, real time) and expiry (ms, on the mock's clock) of an entry written now. */
  #placement(ttlSeconds: number, now: number): [number, number] {
    const ttlMs = Math.max(1, Math.ceil(ttlSeconds * 1000))
    return [ttlMs, now + ttlMs]
  }

  #budget(kind: StoreKind): [number, number, number] {
    const { maxEntries, maxBytes } = this.#budgets[kind]
    return [maxEntries, maxBytes, whenFull[kind] === 'evict-oldest' ? 1 : 0]
  }
}
