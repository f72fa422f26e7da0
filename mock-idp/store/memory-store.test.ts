import { expect, it } from 'vitest'
import { ManualClock } from '../clock.js'
import { MemoryStore } from './memory-store.js'

it('forgets an entry once its time to live has passed', async () => {
  const clock = new ManualClock(0)
  const store = new MemoryStore(clock)
  await store.set('k', { v: 1 }, 60)
  clock.advance(59_999)
  expect(await store.get('k')).toEqual({ v: 1 })
  clock.advance(1)
  expect(await store.get('k')).toBeUndefined()
})

it('gives the value to exactly one of many concurrent takes', async () => {
  const store = new MemoryStore(new ManualClock(0))
  await store.set('code', 'grant-1', 60)
  const results = await Promise.all(Array.from({ length: 50 }, () => store.take<string>('code')))
  expect(results.filter((value) => value === 'grant-1')).toHaveLength(1)
  expect(await store.get('code')).toBeUndefined()
})

it('evicts the oldest entries when it reaches its bound', async () => {
  const store = new MemoryStore(new ManualClock(0), 3)
  for (const key of ['a', 'b', 'c', 'd']) await store.set(key, key, 60)
  expect(store.size).toBe(3)
  expect(await store.get('a')).toBeUndefined()
  expect(await store.get('d')).toBe('d')
})

it('sweeps expired entries so that memory stays flat under churn', async () => {
  const clock = new ManualClock(0)
  const store = new MemoryStore(clock)
  for (let i = 0; i < 1000; i++) {
    await store.set(`k${i}`, i, 1)
    clock.advance(10)
  }
  expect(store.size).toBeLessThan(250)
})
