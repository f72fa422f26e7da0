import { setImmediate as tick } from 'node:timers/promises'
import { expect, it } from 'vitest'
import { RequestGate, UNLIMITED } from './request-gate.js'

/** Runs `count` tasks through the gate, each holding its slot for a few event-loop turns; returns the most seen at once. */
async function mostInFlight(gate: RequestGate, count: number, acquire = () => gate.acquire()): Promise<number> {
  let inFlight = 0
  let most = 0
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const release = await acquire()
      inFlight++
      most = Math.max(most, inFlight)
      for (let turn = 0; turn < 1 + (index % 3); turn++) await tick()
      inFlight--
      release()
    }),
  )
  return most
}

it('never lets more than the limit hold a slot at once, and does reach it', async () => {
  expect(await mostInFlight(RequestGate.create(3), 20)).toBe(3)
  expect(await mostInFlight(RequestGate.create(1), 12)).toBe(1)
})

it('lets every task run at once when unlimited', async () => {
  expect(await mostInFlight(RequestGate.create(UNLIMITED), 12)).toBe(12)
})

it('is serial while a hold lasts and parallel again after it', async () => {
  const gate = RequestGate.create(UNLIMITED)
  const release = gate.hold()
  expect(gate.serial).toBe(true)
  expect(await mostInFlight(gate, 8)).toBe(1)
  release()
  expect(gate.serial).toBe(false)
  expect(await mostInFlight(gate, 8)).toBe(8)
})

it('stays serial for good after goSerial', async () => {
  const gate = RequestGate.create(UNLIMITED)
  gate.hold()()
  gate.goSerial()
  expect(gate.serialForGood).toBe(true)
  expect(await mostInFlight(gate, 8)).toBe(1)
})

it('makes a task that goes alone wait for the slots taken and keeps new ones out until it is done', async () => {
  const gate = RequestGate.create(UNLIMITED)
  const first = await gate.acquire()
  const second = await gate.acquire()
  const events: string[] = []
  const alone = gate.acquireAlone().then((release) => {
    events.push('alone')
    return release
  })
  await tick()
  const third = gate.acquire().then((release) => {
    events.push('third')
    return release
  })
  for (let turn = 0; turn < 5; turn++) await tick()
  expect(events).toEqual([])
  first()
  second()
  const releaseAlone = await alone
  for (let turn = 0; turn < 5; turn++) await tick()
  expect(events).toEqual(['alone'])
  releaseAlone()
  ;(await third)()
  expect(events).toEqual(['alone', 'third'])
})

it('counts the requests that overlapped each one, itself included', () => {
  const gate = RequestGate.create()
  const a = gate.begin()
  const b = gate.begin()
  expect(gate.inFlight).toBe(2)
  expect(b.end()).toBe(2)
  const c = gate.begin()
  // a overlapped b and c; c overlapped a only.
  expect(a.end()).toBe(3)
  expect(c.end()).toBe(2)
  const alone = gate.begin()
  expect(alone.end()).toBe(1)
  expect(gate.inFlight).toBe(0)
})

it('lets one claim the robustness finding, and shares its state through the buffer', () => {
  const gate = RequestGate.create()
  const sameTarget = RequestGate.attach(gate.buffer)
  expect(sameTarget.claimFinding()).toBe(true)
  expect(gate.claimFinding()).toBe(false)
  sameTarget.goSerial()
  expect(gate.serial).toBe(true)
})

it('refuses a buffer that is not a gate', () => {
  expect(() => RequestGate.attach(new SharedArrayBuffer(4))).toThrow('not a request gate buffer')
})
