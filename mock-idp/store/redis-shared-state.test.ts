/**
 * What instances on one Redis agree on besides the store's entries (redis-shared-state.ts),
 * against a real redis-server: the first instance's keys, clock and cookie key win; a change
 * published by one is seen by the other; a Redis emptied behind them is noticed; the override
 * queue is used up once across instances; recorded exchanges stay within count and bytes.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RedisServer } from '../../test/support/redis-server.js'
import { ManualClock } from '../clock.js'
import { defaultStoreBudgets } from '../config/defaults.js'
import { parseOverride } from '../control/override.js'
import type { KeySnapshot } from '../keys/key-store.js'
import type { StoredExchange } from '../recorder.js'
import { RedisSharedState } from './redis-shared-state.js'
import { connectRedisStore, type RedisStore } from './redis-store.js'

let redis: RedisServer
const opened: RedisStore[] = []
let namespaces = 0

beforeAll(async () => {
  redis = await RedisServer.start()
})
afterAll(async () => {
  for (const store of opened) await store.close()
  await redis?.stop()
})

async function twoInstances(limits = { maxRecordedExchanges: 100, maxRecordedBytes: 1_000_000 }) {
  const namespace = `shared-test:${++namespaces}:`
  const open = async () => {
    const store = await connectRedisStore({
      url: redis.url(),
      namespace,
      clock: new ManualClock(0),
      budgets: defaultStoreBudgets,
      timeoutMs: 500,
    })
    opened.push(store)
    return { store, shared: new RedisSharedState(store, limits) }
  }
  return { a: await open(), b: await open() }
}

const keys = (kid: string): KeySnapshot => ({ keys: [{ jwk: { kid, kty: 'oct' } }], rotations: 0 })

const exchange = (n: number, bytes: number): StoredExchange => ({
  endpoint: 'token',
  method: 'POST',
  url: `http://idp.test/auth/token?n=${n}`,
  bodyText: undefined,
  contentType: undefined,
  headers: [],
  status: 200,
  at: n,
  bytes,
})

it("makes the first instance's keys, clock and cookie key everyone's", async () => {
  const { a, b } = await twoInstances()
  const first = await a.shared.join({ clockOffsetMs: 5, keys: keys('first') })
  const second = await b.shared.join({ clockOffsetMs: 0, keys: keys('second') })
  expect(first.current).toEqual({ clockOffsetMs: 5, keys: keys('first') })
  expect(second.current).toEqual({ clockOffsetMs: 5, keys: keys('first') })
  expect(second.initial).toEqual(keys('first'))
  const secretA = await a.shared.secret(Buffer.alloc(32, 1))
  const secretB = await b.shared.secret(Buffer.alloc(32, 2))
  expect(secretB.equals(secretA)).toBe(true)
  expect(secretA.equals(Buffer.alloc(32, 1))).toBe(true)
})

it('shows a change published by one instance to the other once, and nothing when nothing changed', async () => {
  const { a, b } = await twoInstances()
  await a.shared.join({ clockOffsetMs: 0, keys: keys('k1') })
  await b.shared.join({ clockOffsetMs: 0, keys: keys('k1') })
  expect(await b.shared.changed()).toBeUndefined()
  await a.shared.publish({ clockOffsetMs: 60_000, keys: keys('k2') })
  expect(await b.shared.changed()).toEqual({ clockOffsetMs: 60_000, keys: keys('k2') })
  expect(await b.shared.changed()).toBeUndefined()
  expect(await a.shared.changed()).toBeUndefined()
})

it('notices when Redis no longer holds the shared state', async () => {
  const { a } = await twoInstances()
  await a.shared.join({ clockOffsetMs: 0, keys: keys('k1') })
  await a.store.client.flushdb()
  expect(await a.shared.changed()).toBe('lost')
  const rejoined = await a.shared.join({ clockOffsetMs: 0, keys: keys('k1') })
  expect(rejoined.initial).toEqual(keys('k1'))
})

it('lets exactly one of many concurrent requests on two instances take a once-only override', async () => {
  const { a, b } = await twoInstances()
  await a.shared.join({ clockOffsetMs: 0, keys: keys('k') })
  await b.shared.join({ clockOffsetMs: 0, keys: keys('k') })
  await a.shared.useOverride(parseOverride({ endpoint: 'token', error: 'temporarily_unavailable' }))
  await b.shared.changed()
  expect(await b.shared.listOverrides()).toHaveLength(1)
  const applied = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).shared.takeOverrides('token')))
  expect(applied.filter((overrides) => overrides?.error !== undefined)).toHaveLength(1)
  expect(await a.shared.listOverrides()).toEqual([])
})

it('keeps recorded exchanges within the count and the bytes, dropping the oldest', async () => {
  const { a, b } = await twoInstances({ maxRecordedExchanges: 3, maxRecordedBytes: 1000 })
  for (let n = 1; n <= 5; n++) await (n % 2 ? a : b).shared.record(exchange(n, 100))
  expect((await b.shared.requests()).map((entry) => entry.at)).toEqual([3, 4, 5])
  await a.shared.record(exchange(6, 950))
  expect((await b.shared.requests()).map((entry) => entry.at)).toEqual([6])
  await b.shared.clearControl()
  expect(await a.shared.requests()).toEqual([])
})
