import { afterEach, expect, it, vi } from 'vitest'
import { ManualClock } from '../clock.js'
import { MemoryStore, type MemoryStoreOptions } from './memory-store.js'
import { storeKey } from './records.js'
import { type StoreBudgets, StoreFullError } from './store.js'

const LARGE = { maxEntries: 1_000_000, maxBytes: 1 << 30 }

function storeWith(budgets: Partial<StoreBudgets> = {}, options: Partial<MemoryStoreOptions> = {}) {
  const clock = new ManualClock(0)
  const store = new MemoryStore({
    clock,
    budgets: { interactions: LARGE, sessions: LARGE, codes: LARGE, tokens: LARGE, ...budgets },
    sweepIntervalMs: 0,
    ...options,
  })
  return { clock, store }
}

const interaction = (i: number) => storeKey.interaction(`i-${i}`)

afterEach(() => {
  vi.useRealTimers()
})

it('forgets an entry once its time to live has passed', async () => {
  const { clock, store } = storeWith()
  await store.set(storeKey.code('c'), { v: 1 }, 60)
  clock.advance(59_999)
  expect(await store.get(storeKey.code('c'))).toEqual({ v: 1 })
  clock.advance(1)
  expect(await store.get(storeKey.code('c'))).toBeUndefined()
})

it('drops an expired entry and its bytes when it is read, without waiting for a sweep', async () => {
  const { clock, store } = storeWith()
  await store.set(storeKey.session('s'), { sub: 'alice' }, 10)
  clock.advance(10_000)
  expect(store.size).toBe(1)
  expect(await store.take(storeKey.session('s'))).toBeUndefined()
  expect(store.size).toBe(0)
  expect((await store.usage()).sessions).toMatchObject({ entries: 0, bytes: 0 })
})

it('gives the value to exactly one of many concurrent takes', async () => {
  const { store } = storeWith()
  await store.set(storeKey.code('code'), 'grant-1', 60)
  const results = await Promise.all(Array.from({ length: 50 }, () => store.take<string>(storeKey.code('code'))))
  expect(results.filter((value) => value === 'grant-1')).toHaveLength(1)
  expect(await store.get(storeKey.code('code'))).toBeUndefined()
})

it('examines at most its slice of entries per sweep, resuming where the last one stopped', async () => {
  const { clock, store } = storeWith()
  for (let i = 0; i < 1000; i++) await store.set(interaction(i), { i }, 1)
  clock.advance(1000)
  expect(store.sweep(100)).toBe(100)
  expect(store.size).toBe(900)
  let ticks = 1
  while (store.size > 0 && ticks < 100) {
    store.sweep(100)
    ticks++
  }
  expect(store.size).toBe(0)
  expect(ticks).toBe(10)
})

it('sweeps every kind, keeping live entries', async () => {
  const { clock, store } = storeWith()
  await store.set(storeKey.interaction('old'), 1, 1)
  await store.set(storeKey.session('old'), 1, 1)
  await store.set(storeKey.code('old'), 1, 1)
  await store.set(storeKey.accessToken('old'), 1, 1)
  await store.set(storeKey.refreshToken('live'), 1, 3600)
  clock.advance(1000)
  expect(store.sweep(1000)).toBe(4)
  expect(store.size).toBe(1)
  expect(await store.get(storeKey.refreshToken('live'))).toBe(1)
})

it('sweeps in the background on a timer, and stops when closed', async () => {
  vi.useFakeTimers()
  const clock = new ManualClock(0)
  const store = new MemoryStore({
    clock,
    budgets: { interactions: LARGE, sessions: LARGE, codes: LARGE, tokens: LARGE },
    sweepIntervalMs: 1000,
    sweepSlice: 10,
  })
  for (let i = 0; i < 30; i++) await store.set(interaction(i), i, 1)
  clock.advance(1000)
  vi.advanceTimersByTime(1000)
  expect(store.size).toBe(20)
  vi.advanceTimersByTime(1000)
  expect(store.size).toBe(10)
  await store.close()
  vi.advanceTimersByTime(5000)
  expect(store.size).toBe(10)
})

it('sweeps expired entries as it writes, so that memory stays flat under churn', async () => {
  const { clock, store } = storeWith()
  for (let i = 0; i < 1000; i++) {
    await store.set(storeKey.accessToken(`t${i}`), i, 1)
    clock.advance(10)
  }
  // 100 entries live at once (1 s at one write per 10 ms); a few more wait for the next slice.
  expect(store.size).toBeLessThan(250)
})

it('refuses a new interaction when the interactions budget is full, and keeps every live one', async () => {
  const { store } = storeWith({ interactions: { maxEntries: 3, maxBytes: 1 << 20 } })
  for (let i = 0; i < 3; i++) await store.set(interaction(i), { i }, 600)
  const refused = await store.set(interaction(3), { i: 3 }, 600).catch((error: unknown) => error)
  expect(refused).toBeInstanceOf(StoreFullError)
  expect(refused).toMatchObject({ error: 'temporarily_unavailable', status: 503, kind: 'interactions' })
  for (let i = 0; i < 3; i++) expect(await store.get(interaction(i))).toEqual({ i })
  expect(await store.get(interaction(3))).toBeUndefined()
  expect((await store.usage()).interactions).toMatchObject({ entries: 3, refused: 1, evicted: 0 })
})

it('says when a refused request may find room: when the oldest interaction expires', async () => {
  const { clock, store } = storeWith({ interactions: { maxEntries: 2, maxBytes: 1 << 20 } })
  await store.set(interaction(0), 0, 600)
  clock.advance(100_000)
  await store.set(interaction(1), 1, 600)
  clock.advance(400)
  const refused = (await store.set(interaction(2), 2, 600).catch((error: unknown) => error)) as StoreFullError
  expect(refused.retryAfterSeconds).toBe(500)
  expect(refused.headers['Retry-After']).toBe('500')
})

it('admits a new interaction in place of an expired one, even before any sweep', async () => {
  const { clock, store } = storeWith({ interactions: { maxEntries: 2, maxBytes: 1 << 20 } })
  await store.set(interaction(0), 0, 60)
  await store.set(interaction(1), 1, 600)
  clock.advance(60_000)
  await store.set(interaction(2), 2, 600)
  expect(await store.get(interaction(1))).toBe(1)
  expect(await store.get(interaction(2))).toBe(2)
  expect((await store.usage()).interactions).toMatchObject({ entries: 2, refused: 0 })
})

it('lets an interaction in progress move on while the interactions budget is full', async () => {
  const { store } = storeWith({ interactions: { maxEntries: 2, maxBytes: 1 << 20 } })
  await store.set(interaction(0), { stage: 'login' }, 600)
  await store.set(interaction(1), { stage: 'login' }, 600)
  await expect(store.set(interaction(2), { stage: 'login' }, 600)).rejects.toThrow(StoreFullError)
  await store.set(interaction(0), { stage: 'consent', sub: '248289761001' }, 600)
  expect(await store.get(interaction(0))).toEqual({ stage: 'consent', sub: '248289761001' })
})

it('never evicts a code, token or session however many interactions arrive', async () => {
  const small = { maxEntries: 10, maxBytes: 1 << 20 }
  const { store } = storeWith({ interactions: small, sessions: small, codes: small, tokens: small })
  await store.set(storeKey.code('live-code'), { grantId: 'g' }, 60)
  await store.set(storeKey.accessToken('live-at'), { grantId: 'g' }, 600)
  await store.set(storeKey.refreshToken('live-rt'), { grantId: 'g' }, 86_400)
  await store.set(storeKey.session('live-session'), { sub: 'alice' }, 28_800)
  let refused = 0
  for (let i = 0; i < 1000; i++) {
    await store.set(interaction(i), { state: 'x'.repeat(100) }, 600).catch(() => refused++)
  }
  expect(refused).toBe(990)
  expect(await store.get(storeKey.code('live-code'))).toEqual({ grantId: 'g' })
  expect(await store.get(storeKey.accessToken('live-at'))).toEqual({ grantId: 'g' })
  expect(await store.get(storeKey.refreshToken('live-rt'))).toEqual({ grantId: 'g' })
  expect(await store.get(storeKey.session('live-session'))).toEqual({ sub: 'alice' })
  const usage = await store.usage()
  expect(usage.interactions).toMatchObject({ entries: 10, refused: 990 })
  for (const kind of ['sessions', 'codes', 'tokens'] as const) expect(usage[kind].evicted).toBe(0)
})

it('refuses a new code when the codes budget is full, keeping the codes already issued redeemable', async () => {
  const { store } = storeWith({ codes: { maxEntries: 2, maxBytes: 1 << 20 } })
  await store.set(storeKey.code('a'), 'a', 60)
  await store.set(storeKey.code('b'), 'b', 60)
  // A clear temporarily_unavailable naming the budget, never a code silently dropped (a later invalid_grant).
  await expect(store.set(storeKey.code('c'), 'c', 60)).rejects.toMatchObject({
    kind: 'codes',
    error: 'temporarily_unavailable',
    description: expect.stringContaining('limits.store.codes is full'),
  })
  expect(await store.take(storeKey.code('a'))).toBe('a')
  await store.set(storeKey.code('c'), 'c', 60)
  expect(await store.take(storeKey.code('b'))).toBe('b')
})

it('makes room for a new session by ending the least recently written one', async () => {
  const { store } = storeWith({ sessions: { maxEntries: 2, maxBytes: 1 << 20 } })
  await store.set(storeKey.session('first'), 1, 28_800)
  await store.set(storeKey.session('second'), 2, 28_800)
  await store.set(storeKey.session('first'), 1.5, 28_800) // a consent remembered: written again
  await store.set(storeKey.session('third'), 3, 28_800)
  expect(await store.get(storeKey.session('second'))).toBeUndefined()
  expect(await store.get(storeKey.session('first'))).toBe(1.5)
  expect(await store.get(storeKey.session('third'))).toBe(3)
  expect((await store.usage()).sessions).toMatchObject({ entries: 2, evicted: 1, refused: 0 })
})

it('drops expired tokens before evicting a live one', async () => {
  const { clock, store } = storeWith({ tokens: { maxEntries: 2, maxBytes: 1 << 20 } })
  await store.set(storeKey.accessToken('short'), 'at', 1)
  await store.set(storeKey.refreshToken('long'), 'rt', 86_400)
  clock.advance(1000)
  await store.set(storeKey.accessToken('new'), 'at2', 600)
  expect(await store.get(storeKey.refreshToken('long'))).toBe('rt')
  expect((await store.usage()).tokens).toMatchObject({ entries: 2, evicted: 0 })
})

it('counts the bytes of every entry and gives them back when entries go', async () => {
  const { clock, store } = storeWith()
  const big = { state: 'x'.repeat(20_000) }
  await store.set(interaction(1), big, 600)
  const one = (await store.usage()).interactions.bytes
  expect(one).toBeGreaterThan(20_000)
  expect(one).toBeLessThan(21_000)
  await store.set(interaction(2), big, 60)
  expect((await store.usage()).interactions.bytes).toBe(2 * one)
  await store.set(interaction(1), { state: 'short' }, 600) // replaced by something smaller
  expect((await store.usage()).interactions.bytes).toBeLessThan(one + 200)
  await store.take(interaction(1))
  expect((await store.usage()).interactions.bytes).toBe(one)
  clock.advance(60_000)
  store.sweep()
  expect((await store.usage()).interactions).toMatchObject({ entries: 0, bytes: 0 })
  await store.set(storeKey.session('s'), big, 600)
  await store.delete(storeKey.session('s'))
  await store.set(storeKey.code('c'), big, 600)
  await store.clear()
  const usage = await store.usage()
  for (const kind of ['interactions', 'sessions', 'codes', 'tokens'] as const) expect(usage[kind].bytes).toBe(0)
})

it('refuses an interaction that would take its kind past its byte budget, below its entry budget', async () => {
  const { store } = storeWith({ interactions: { maxEntries: 1000, maxBytes: 100_000 } })
  let admitted = 0
  for (let i = 0; i < 10; i++) {
    await store
      .set(interaction(i), { state: 'x'.repeat(20_000) }, 600)
      .then(() => admitted++)
      .catch(() => {})
  }
  expect(admitted).toBe(4)
  const usage = (await store.usage()).interactions
  expect(usage.bytes).toBeLessThanOrEqual(100_000)
  expect(usage).toMatchObject({ entries: 4, refused: 6 })
})

it('evicts the oldest tokens to keep within the tokens byte budget', async () => {
  const { store } = storeWith({ tokens: { maxEntries: 1000, maxBytes: 10_000 } })
  for (let i = 0; i < 20; i++) await store.set(storeKey.refreshToken(`rt${i}`), { pad: 'x'.repeat(1000) }, 86_400)
  const usage = (await store.usage()).tokens
  expect(usage.bytes).toBeLessThanOrEqual(10_000)
  expect(await store.get(storeKey.refreshToken('rt19'))).toBeDefined()
  expect(await store.get(storeKey.refreshToken('rt0'))).toBeUndefined()
  expect(usage.evicted).toBe(20 - usage.entries)
})

it('refuses an entry larger than its whole byte budget rather than evicting everything for it', async () => {
  const { store } = storeWith({ sessions: { maxEntries: 10, maxBytes: 1000 } })
  await store.set(storeKey.session('small'), { sub: 'alice' }, 600)
  await expect(store.set(storeKey.session('huge'), { pad: 'x'.repeat(2000) }, 600)).rejects.toThrow(StoreFullError)
  expect(await store.get(storeKey.session('small'))).toEqual({ sub: 'alice' })
})

it('reports each kind against its budget', async () => {
  const { store } = storeWith({ codes: { maxEntries: 7, maxBytes: 7000 } })
  await store.set(storeKey.code('c'), { grantId: 'g' }, 60)
  expect((await store.usage()).codes).toEqual({
    maxEntries: 7,
    maxBytes: 7000,
    entries: 1,
    bytes: expect.any(Number),
    refused: 0,
    evicted: 0,
  })
})

it('logs a full budget at most once a minute', async () => {
  const warn = vi.fn()
  const log = { error: vi.fn(), warn, info: vi.fn(), debug: vi.fn() }
  const { clock, store } = storeWith({ interactions: { maxEntries: 1, maxBytes: 1 << 20 } }, { log })
  await store.set(interaction(0), 0, 600)
  for (let i = 1; i <= 100; i++) await store.set(interaction(i), i, 600).catch(() => {})
  expect(warn).toHaveBeenCalledTimes(1)
  expect(warn.mock.calls[0]![0]).toContain('limits.store.interactions')
  clock.advance(60_000)
  await store.set(interaction(101), 101, 600).catch(() => {})
  expect(warn).toHaveBeenCalledTimes(2)
  expect(warn.mock.calls[1]![1]).toMatchObject({ kind: 'interactions', affected: 100, refused: 101 })
})
