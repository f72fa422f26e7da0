import { expect, it } from 'vitest'
import { jsonSize } from './json-size.js'

it('is within a byte per object or array of the JSON text of a record without numbers', () => {
  const record = {
    id: 'interaction-1',
    request: { clientId: 's6BhdRkqt3', scope: ['openid', 'profile'], state: 'af0ifjsldkj', prompt: [] },
    stage: 'login',
    done: false,
    hint: null,
  }
  const containers = 4
  const text = JSON.stringify(record).length
  expect(jsonSize(record)).toBeGreaterThanOrEqual(text)
  expect(jsonSize(record)).toBeLessThanOrEqual(text + containers)
})

it('counts long strings in full, whatever field they are in', () => {
  const value = { request: { state: 'x'.repeat(4096), nonce: 'y'.repeat(4096), loginHint: 'z'.repeat(4096) } }
  expect(jsonSize(value)).toBeGreaterThan(3 * 4096)
  expect(jsonSize(value)).toBeLessThan(3 * 4096 + 100)
})

it('leaves out fields that JSON leaves out', () => {
  expect(jsonSize({ a: 'b', missing: undefined })).toBe(jsonSize({ a: 'b' }))
})

it('stops at a depth no record reaches instead of recursing without end', () => {
  const cyclic: Record<string, unknown> = {}
  cyclic.self = cyclic
  expect(jsonSize(cyclic)).toBeLessThan(1000)
})
