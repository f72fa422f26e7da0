import { expect, it } from 'vitest'
import { randomIds, SeededIds } from './ids.js'

it('derives the same sequence of identifiers from the same seed', () => {
  const a = new SeededIds('seed-1')
  const b = new SeededIds('seed-1')
  expect([a.next('code'), a.next('code'), a.next('token')]).toEqual([b.next('code'), b.next('code'), b.next('token')])
})

it('derives different identifiers from different seeds and purposes', () => {
  const a = new SeededIds('seed-1')
  const b = new SeededIds('seed-2')
  expect(a.next('code')).not.toBe(b.next('code'))
  expect(new SeededIds('s').next('code')).not.toBe(new SeededIds('s').next('token'))
})

it('makes identifiers with at least 256 bits by default (RFC 6749 §10.10 asks for 128)', () => {
  for (const ids of [randomIds, new SeededIds('x')]) {
    const id = ids.next('code')
    expect(Buffer.from(id, 'base64url').length).toBe(32)
    expect(id).toMatch(/^[A-Za-z0-9_-]+$/)
  }
  expect(Buffer.from(new SeededIds('x').next('long', 80), 'base64url').length).toBe(80)
})
