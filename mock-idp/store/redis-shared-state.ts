/**
 * The SharedState (shared-state.ts) of instances sharing one Redis, in one hash per issuer,
 * `{ns}c:control`: `version` (bumped by every change), `clock` (offset ms), `keys` and
 * `initialKeys` (KeySnapshot JSON: private JWKs, secret like the rest of the Redis), and the
 * cookie key `secret`. None of it expires, and `Store.clear` (reset) leaves it alone: reset
 * publishes the initial keys and a zero offset instead.
 *
 * Each request asks for `version` (one HGET); only when it moved are the keys re-imported.
 */
import type { KeySnapshot } from '../keys/key-store.js'
import type { SharedControl, SharedState } from '../shared-state.js'
import { type RedisStore, StoreUnavailable } from './redis-store.js'

/** Writes `own` unless a first instance already did; returns what is shared either way. */
const JOIN_SCRIPT = `
local key = KEYS[1]
if redis.call('HEXISTS', key, 'version') == 0 then
  redis.call('HSET', key, 'version', 1, 'clock', ARGV[1], 'keys', ARGV[2], 'initialKeys', ARGV[2])
end
return redis.call('HMGET', key, 'version', 'clock', 'keys', 'initialKeys')
`

export class RedisSharedState implements SharedState {
  readonly #store: RedisStore
  readonly #key: string
  #seen = 0

  constructor(store: RedisStore) {
    this.#store = store
    this.#key = `${store.namespace}c:control`
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
    const stored = await this.#call(() => this.#store.client.hget(this.#key, 'version'))
    if (stored === null) return 'lost'
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
