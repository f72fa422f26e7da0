/**
 * `take` with `leave` on the memory store (store.ts): the value moves to the marker key in the
 * same step, so a concurrent loser always finds the marker (the Redis store's counterpart is in
 * redis-store.test.ts).
 */
import { expect, it } from 'vitest'
import { ManualClock } from '../clock.js'
import { defaultStoreBudgets } from '../config/defaults.js'
import { MemoryStore } from './memory-store.js'
import { storeKey } from './records.js'

const store = () => new MemoryStore({ clock: new ManualClock(0), budgets: defaultStoreBudgets, sweepIntervalMs: 0 })

it('gives the value to one of many concurrent takes and leaves it under the marker before any loser looks', async () => {
  const memory = store()
  await memory.set(storeKey.code('c'), { grantId: 'g-1' }, 60)
  const leave = { key: storeKey.redeemedCode('c'), ttlSeconds: 600 }
  const seenByLosers: unknown[] = []
  const attempts = Array.from({ length: 5 }, async () => {
    const taken = await memory.take(storeKey.code('c'), leave)
    if (!taken) seenByLosers.push(await memory.get(leave.key))
    return taken
  })
  const taken = await Promise.all(attempts)
  expect(taken.filter(Boolean)).toEqual([{ grantId: 'g-1' }])
  expect(seenByLosers).toEqual(Array(4).fill({ grantId: 'g-1' }))
})

it('leaves no marker when there was nothing to take', async () => {
  const memory = store()
  const leave = { key: storeKey.redeemedCode('none'), ttlSeconds: 600 }
  expect(await memory.take(storeKey.code('none'), leave)).toBeUndefined()
  expect(await memory.get(leave.key)).toBeUndefined()
})
