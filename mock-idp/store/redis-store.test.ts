/**
 * The Redis store against a real redis-server (test/support/redis-server.ts): what the memory
 * store promises (store.ts) holds across two store instances sharing one Redis, and Redis going
 * away is a 503, not a hang or a wrong answer.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RedisServer } from '../../test/support/redis-server.js'
import { ManualClock } from '../clock.js'
import type { Logger } from '../log.js'
import { type CodeRecord, storeKey } from './records.js'
import { connectRedisStore, type RedisStore, StoreUnavailable, StoreUnreachable } from './redis-store.js'
import { type StoreBudgets, StoreFullError } from './store.js'

const roomy = { maxEntries: 1000, maxBytes: 1_000_000 }
const budgets: StoreBudgets = { interactions: roomy, sessions: roomy, codes: roomy, tokens: roomy }

let redis: RedisServer
const opened: RedisStore[] = []
let namespaceCounter = 0

beforeAll(async () => {
  redis = await RedisServer.start()
})
afterAll(async () => {
  for (const store of opened) await store.close()
  await redis?.stop()
})

/** Two stores (two "instances") on one namespace of the shared Redis. */
async function twoInstances(options: { budgets?: StoreBudgets; clock?: ManualClock; log?: Logger } = {}) {
  const namespace = `test:${++namespaceCounter}:`
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1))
  const open = async () => {
    const store = await connectRedisStore({
      url: redis.url(),
      namespace,
      clock,
      budgets: options.budgets ?? budgets,
      ...(options.log ? { log: options.log } : {}),
      timeoutMs: 500,
    })
    opened.push(store)
    return store
  }
  return { a: await open(), b: await open(), clock }
}

const code = (grantId: string): CodeRecord => ({
  grantId,
  clientId: 's6BhdRkqt3',
  redirectUri: 'https://client.example.org/cb',
  scope: ['openid'],
  sub: 'alice',
  authTime: 1,
  issuedAt: 1,
  expiresAt: 61,
})

it('shows an entry written by one instance to another', async () => {
  const { a, b } = await twoInstances()
  await a.set(storeKey.session('s1'), { id: 's1', sub: 'alice' }, 60)
  expect(await b.get(storeKey.session('s1'))).toEqual({ id: 's1', sub: 'alice' })
})

it('expires an entry with its own lifetime on the mock clock', async () => {
  const { a, b, clock } = await twoInstances()
  await a.set(storeKey.code('c'), code('g'), 60)
  clock.advance(59_000)
  expect(await b.get(storeKey.code('c'))).toBeDefined()
  clock.advance(1_000)
  expect(await b.get(storeKey.code('c'))).toBeUndefined()
  expect(await b.take(storeKey.code('c'))).toBeUndefined()
})

it('gives a code to exactly one of many concurrent takes spread over two instances', async () => {
  const { a, b } = await twoInstances()
  for (let trial = 0; trial < 20; trial++) {
    const key = storeKey.code(`race-${trial}`)
    await a.set(key, code(`g${trial}`), 60)
    const takes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take(key)))
    expect(takes.filter((taken) => taken !== undefined)).toHaveLength(1)
  }
})

it('leaves the taken value behind under the marker key in the same step', async () => {
  const { a, b } = await twoInstances()
  const key = storeKey.code('redeem-me')
  await a.set(key, code('grant-7'), 60)
  const leave = { key: storeKey.redeemedCode('redeem-me'), ttlSeconds: 600 }
  const [first, second] = await Promise.all([a.take(key, leave), b.take(key, leave)])
  expect([first, second].filter(Boolean)).toHaveLength(1)
  expect(await b.get<CodeRecord>(leave.key)).toMatchObject({ grantId: 'grant-7' })
  expect((await a.usage()).codes.entries).toBe(0)
  expect((await a.usage()).tokens.entries).toBe(1)
})

it('leaves no marker when the value was already gone', async () => {
  const { a } = await twoInstances()
  const leave = { key: storeKey.redeemedCode('never-issued'), ttlSeconds: 600 }
  expect(await a.take(storeKey.code('never-issued'), leave)).toBeUndefined()
  expect(await a.get(leave.key)).toBeUndefined()
})

it('refuses a new code when the codes budget of all instances together is full', async () => {
  const small = { ...budgets, codes: { maxEntries: 3, maxBytes: 1_000_000 } }
  const { a, b } = await twoInstances({ budgets: small })
  await a.set(storeKey.code('1'), code('g1'), 60)
  await b.set(storeKey.code('2'), code('g2'), 60)
  await a.set(storeKey.code('3'), code('g3'), 60)
  const refused = await b.set(storeKey.code('4'), code('g4'), 60).catch((error: unknown) => error)
  expect(refused).toBeInstanceOf(StoreFullError)
  expect((refused as StoreFullError).headers['Retry-After']).toBe('60')
  expect(await a.get(storeKey.code('1'))).toBeDefined()
  const usage = await b.usage()
  expect(usage.codes).toMatchObject({ entries: 3, refused: 1, evicted: 0, maxEntries: 3 })
})

it('makes room from expired entries before refusing', async () => {
  const small = { ...budgets, codes: { maxEntries: 2, maxBytes: 1_000_000 } }
  const { a, b, clock } = await twoInstances({ budgets: small })
  await a.set(storeKey.code('old-1'), code('g1'), 10)
  await a.set(storeKey.code('old-2'), code('g2'), 10)
  clock.advance(11_000)
  await b.set(storeKey.code('new'), code('g3'), 60)
  expect((await a.usage()).codes.entries).toBe(1)
})

it('evicts the least recently written tokens when the tokens budget is full, as the memory store does', async () => {
  const small = { ...budgets, tokens: { maxEntries: 2, maxBytes: 1_000_000 } }
  const { a, b } = await twoInstances({ budgets: small })
  await a.set(storeKey.refreshToken('old-long'), { n: 1 }, 86_400)
  await a.set(storeKey.accessToken('short'), { n: 2 }, 60)
  // A flow's longer-lived record written after its access token: the access token it was just
  // given stays (evicting by expiry would drop it), the oldest entry goes.
  await b.set(storeKey.refreshToken('new-long'), { n: 3 }, 86_400)
  expect(await a.get(storeKey.refreshToken('old-long'))).toBeUndefined()
  expect(await a.get(storeKey.accessToken('short'))).toEqual({ n: 2 })
  expect(await a.get(storeKey.refreshToken('new-long'))).toEqual({ n: 3 })
  expect((await b.usage()).tokens).toMatchObject({ entries: 2, evicted: 1 })
  // Rewriting an entry makes it the most recently written.
  await a.set(storeKey.accessToken('short'), { n: 4 }, 60)
  await b.set(storeKey.refreshToken('newest'), { n: 5 }, 86_400)
  expect(await a.get(storeKey.refreshToken('new-long'))).toBeUndefined()
  expect(await a.get(storeKey.accessToken('short'))).toEqual({ n: 4 })
})

it('bounds a kind by bytes as well as by entries', async () => {
  const small = { ...budgets, interactions: { maxEntries: 1000, maxBytes: 2000 } }
  const { a } = await twoInstances({ budgets: small })
  await a.set(storeKey.interaction('1'), { pad: 'x'.repeat(800) }, 60)
  await a.set(storeKey.interaction('2'), { pad: 'x'.repeat(800) }, 60)
  await expect(a.set(storeKey.interaction('3'), { pad: 'x'.repeat(800) }, 60)).rejects.toBeInstanceOf(StoreFullError)
  const usage = (await a.usage()).interactions
  expect(usage.bytes).toBeLessThanOrEqual(2000)
  expect(usage.entries).toBe(2)
})

it('replaces a live entry without counting it twice', async () => {
  const { a, b } = await twoInstances()
  await a.set(storeKey.session('s'), { v: 1 }, 60)
  await b.set(storeKey.session('s'), { v: 2 }, 60)
  expect(await a.get(storeKey.session('s'))).toEqual({ v: 2 })
  expect((await a.usage()).sessions.entries).toBe(1)
  await b.delete(storeKey.session('s'))
  expect(await a.get(storeKey.session('s'))).toBeUndefined()
  expect((await a.usage()).sessions).toMatchObject({ entries: 0, bytes: 0 })
})

it('clears its own namespace and no other', async () => {
  const first = await twoInstances()
  const second = await twoInstances()
  await first.a.set(storeKey.session('s'), { v: 1 }, 60)
  await second.a.set(storeKey.session('s'), { v: 2 }, 60)
  await first.b.clear()
  expect(await first.a.get(storeKey.session('s'))).toBeUndefined()
  expect(await second.b.get(storeKey.session('s'))).toEqual({ v: 2 })
})

it('fails start-up with one line naming the URL, its password redacted, when Redis is unreachable', async () => {
  const failure = await connectRedisStore({
    url: 'redis://:hunter2-secret@127.0.0.1:1/0',
    namespace: 'x:',
    clock: new ManualClock(0),
    budgets,
    timeoutMs: 500,
  }).catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(StoreUnreachable)
  const message = (failure as Error).message
  expect(message).toContain('redis://:***@127.0.0.1:1/0')
  expect(message).not.toContain('hunter2')
  expect(message).not.toContain('\n')
})

it('answers StoreUnavailable at once while Redis is down, and recovers by itself when it is back', async () => {
  const lines: string[] = []
  const log: Logger = {
    error: (message) => lines.push(message),
    warn: (message) => lines.push(message),
    info: () => {},
    debug: () => {},
  }
  const { a } = await twoInstances({ log })
  await a.set(storeKey.session('kept'), { v: 1 }, 600)
  await redis.stop()
  await expect(a.get(storeKey.session('kept'))).rejects.toBeInstanceOf(StoreUnavailable)
  await expect(a.take(storeKey.code('x'))).rejects.toBeInstanceOf(StoreUnavailable)
  // One line per instance (both saw the connection go), not one per request.
  expect(lines.filter((line) => line.includes('is unavailable'))).toHaveLength(2)
  await redis.restart()
  // Reconnection is ioredis's: wait (bounded) for the first request that is served again.
  let answered: unknown = new Error('never reconnected')
  for (let attempt = 0; attempt < 100; attempt++) {
    answered = await a.get(storeKey.session('kept')).catch((error: unknown) => error)
    if (!(answered instanceof StoreUnavailable)) break
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  // redis-server runs without persistence here: what it held is gone, and the store says so honestly.
  expect(answered).toBeUndefined()
  await a.set(storeKey.session('new'), { v: 2 }, 600)
  expect(await a.get(storeKey.session('new'))).toEqual({ v: 2 })
  expect(lines.some((line) => line.includes('is back'))).toBe(true)
})
