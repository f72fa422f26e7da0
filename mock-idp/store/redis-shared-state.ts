/**
 * The SharedState (shared-state.ts) of instances sharing one Redis, in one hash per issuer,
 * `{ns}c:control`: `version` (bumped by every change), `clock` (offset ms), `keys` and
 * `initialKeys` (KeySnapshot JSON: private JWKs, secret like the rest of the Redis), and the
 * cookie key `secret`. None of it expires, and `Store.clear` (reset) leaves it alone: reset
 * publishes the initial keys and a zero offset instead.
 *
 * Each request asks for `version` and `overrides` (one HMGET); only when the version moved are
 * the keys re-imported, and only when overrides are queued is the queue taken from.
 *
 * Also shared: the control API's override queue (`{ns}c:overrides`, JSON, changed under a short
 * lock `{ns}c:overrides-lock` so concurrent requests each take an override once) and the recorded
 * exchanges (`{ns}c:requests`, a list bounded by limits.maxRecordedExchanges and
 * limits.maxRecordedBytes, oldest dropped first), and the issuers added by path (`{ns}c:issuers`,
 * id → config input; the control hash's `issuers` counts changes).
 */
import { randomUUID } from 'node:crypto'
import type { Override } from '../control/override.js'
import { type AppliedOverrides, OverrideQueue, type QueuedOverride } from '../control/override-queue.js'
import type { EndpointName } from '../endpoints/endpoint-name.js'
import type { KeySnapshot } from '../keys/key-store.js'
import type { StoredExchange } from '../recorder.js'
import type { SharedControl, SharedState } from '../shared-state.js'
import { type RedisStore, StoreUnavailable } from './redis-store.js'

/**
 * Writes `own` where a first instance has not already (field by field, so a hash that a publish
 * recreated after Redis lost it is completed too); returns what is shared either way.
 */
const JOIN_SCRIPT = `
local key = KEYS[1]
redis.call('HSETNX', key, 'version', 1)
redis.call('HSETNX', key, 'clock', ARGV[1])
redis.call('HSETNX', key, 'keys', ARGV[2])
redis.call('HSETNX', key, 'initialKeys', ARGV[2])
return redis.call('HMGET', key, 'version', 'clock', 'keys', 'initialKeys')
`

/** Appends one exchange (`{bytes} {json}`) and drops the oldest beyond the count or the bytes. */
const RECORD_SCRIPT = `
local list, meta = KEYS[1], KEYS[2]
local max, maxBytes = tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('RPUSH', list, ARGV[2] .. ' ' .. ARGV[1])
local total = redis.call('HINCRBY', meta, 'requestBytes', ARGV[2])
local count = redis.call('LLEN', list)
while count > max or (count > 1 and total > maxBytes) do
  local oldest = redis.call('LPOP', list)
  local space = string.find(oldest, ' ', 1, true)
  total = redis.call('HINCRBY', meta, 'requestBytes', -tonumber(string.sub(oldest, 1, space - 1)))
  count = count - 1
end
return count
`

/** Deletes the lock only if this holder still has it. */
const UNLOCK_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`

/** How long the override lock is held at most (a crashed holder frees it by then), and waited for. */
const LOCK_TTL_MS = 2000
const LOCK_ATTEMPTS = 400

export interface RedisSharedStateOptions {
  maxRecordedExchanges: number
  maxRecordedBytes: number
}

export class RedisSharedState implements SharedState {
  readonly #store: RedisStore
  readonly #key: string
  readonly #requests: string
  readonly #overrides: string
  readonly #lock: string
  readonly #issuers: string
  readonly #limits: RedisSharedStateOptions
  #issuersSeen = 0
  #seen = 0
  /** Overrides queued in the shared queue when last looked (by `changed`, once per request). */
  #queued = 0

  constructor(store: RedisStore, limits: RedisSharedStateOptions) {
    this.#store = store
    this.#key = `${store.namespace}c:control`
    this.#requests = `${store.namespace}c:requests`
    this.#overrides = `${store.namespace}c:overrides`
    this.#lock = `${store.namespace}c:overrides-lock`
    this.#issuers = `${store.namespace}c:issuers`
    this.#limits = limits
  }

  async record(exchange: StoredExchange): Promise<void> {
    const { maxRecordedExchanges, maxRecordedBytes } = this.#limits
    if (maxRecordedExchanges === 0) return
    await this.#call(() =>
      this.#store.client.eval(
        RECORD_SCRIPT,
        2,
        this.#requests,
        this.#key,
        JSON.stringify(exchange),
        exchange.bytes,
        maxRecordedExchanges,
        maxRecordedBytes,
      ),
    )
  }

  async requests(): Promise<StoredExchange[]> {
    const entries = await this.#call(() => this.#store.client.lrange(this.#requests, 0, -1))
    return entries.map((entry) => JSON.parse(entry.slice(entry.indexOf(' ') + 1)) as StoredExchange)
  }

  async useOverride(override: Override): Promise<void> {
    await this.#withQueue((queue) => queue.use(override))
  }

  async takeOverrides(endpoint: EndpointName): Promise<AppliedOverrides | undefined> {
    if (this.#queued === 0) return undefined
    return this.#withQueue((queue) => queue.take(endpoint))
  }

  async listOverrides(): Promise<Array<Override & { remaining: number | 'persistent' }>> {
    const json = await this.#call(() => this.#store.client.get(this.#overrides))
    return OverrideQueue.of(json === null ? [] : (JSON.parse(json) as QueuedOverride[])).list()
  }

  async clearControl(): Promise<void> {
    await this.#withQueue((queue) => queue.clear())
    await this.#call(() => this.#store.client.multi().del(this.#requests).hset(this.#key, 'requestBytes', 0).exec())
  }

  async saveIssuer(id: string, input: unknown): Promise<void> {
    await this.#call(() =>
      this.#store.client.multi().hset(this.#issuers, id, JSON.stringify(input)).hincrby(this.#key, 'issuers', 1).exec(),
    )
  }

  async deleteIssuer(id: string): Promise<void> {
    await this.#call(() => this.#store.client.multi().hdel(this.#issuers, id).hincrby(this.#key, 'issuers', 1).exec())
  }

  async issuersIfChanged(): Promise<Map<string, unknown> | undefined> {
    const version = Number((await this.#call(() => this.#store.client.hget(this.#key, 'issuers'))) ?? 0)
    if (version === this.#issuersSeen) return undefined
    const all = await this.#call(() => this.#store.client.hgetall(this.#issuers))
    this.#issuersSeen = version
    return new Map(Object.entries(all).map(([id, json]) => [id, JSON.parse(json) as unknown]))
  }

  /** Runs `change` on the shared override queue under the lock, and saves what it left. */
  async #withQueue<R>(change: (queue: OverrideQueue) => R): Promise<R> {
    const client = this.#store.client
    const token = randomUUID()
    let locked = false
    for (let attempt = 0; attempt < LOCK_ATTEMPTS && !locked; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 5))
      locked = (await this.#call(() => client.set(this.#lock, token, 'PX', LOCK_TTL_MS, 'NX'))) === 'OK'
    }
    if (!locked) throw new StoreUnavailable()
    try {
      const json = await this.#call(() => client.get(this.#overrides))
      const queue = OverrideQueue.of(json === null ? [] : (JSON.parse(json) as QueuedOverride[]))
      const result = change(queue)
      const entries = queue.entries()
      await this.#call(() =>
        client
          .multi()
          .set(this.#overrides, JSON.stringify(entries))
          .hset(this.#key, 'overrides', entries.length)
          .exec(),
      )
      this.#queued = entries.length
      return result
    } finally {
      await this.#call(() => client.eval(UNLOCK_SCRIPT, 1, this.#lock, token)).catch(() => {})
    }
  }

  async secret(own: Buffer): Promise<Buffer> {
    const client = this.#store.client
    const shared = await this.#call(async () => {
      await client.hsetnx(this.#key, 'secret', own.toString('base64'))
      return client.hget(this.#key, 'secret')
    })
    return shared === null ? own : Buffer.from(shared, 'base64')
  }

  async join(own: SharedControl): Promise<{ current: SharedControl; initial: KeySnapshot }> {
    const [version, clock, keys, initialKeys] = (await this.#call(() =>
      this.#store.client.eval(JOIN_SCRIPT, 1, this.#key, String(own.clockOffsetMs), JSON.stringify(own.keys)),
    )) as [string, string, string, string]
    this.#seen = Number(version)
    return {
      current: { clockOffsetMs: Number(clock), keys: JSON.parse(keys) as KeySnapshot },
      initial: JSON.parse(initialKeys) as KeySnapshot,
    }
  }

  async changed(): Promise<SharedControl | 'lost' | undefined> {
    const [stored, queued] = await this.#call(() => this.#store.client.hmget(this.#key, 'version', 'overrides'))
    this.#queued = Number(queued ?? 0)
    if (stored == null) return 'lost'
    const version = Number(stored)
    if (version === this.#seen) return undefined
    const [now, clock, keys] = await this.#call(() => this.#store.client.hmget(this.#key, 'version', 'clock', 'keys'))
    this.#seen = Number(now)
    if (clock == null || keys == null) return undefined
    return { clockOffsetMs: Number(clock), keys: JSON.parse(keys) as KeySnapshot }
  }

  async publish(state: SharedControl): Promise<void> {
    const client = this.#store.client
    const [[, version]] = (await this.#call(() =>
      client
        .multi()
        .hincrby(this.#key, 'version', 1)
        .hset(this.#key, 'clock', String(state.clockOffsetMs), 'keys', JSON.stringify(state.keys))
        .exec(),
    )) as [[Error | null, number]]
    // This instance already holds what it published.
    this.#seen = version
  }

  async #call<R>(operation: () => Promise<R>): Promise<R> {
    try {
      return await operation()
    } catch {
      throw new StoreUnavailable()
    }
  }
}
