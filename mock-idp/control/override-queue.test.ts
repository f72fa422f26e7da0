import { expect, it } from 'vitest'
import { OverrideError } from './override.js'
import { MAX_QUEUED_OVERRIDES, OverrideQueue } from './override-queue.js'

it('refuses to queue more than its bound, saying how to clear the queue', () => {
  const queue = new OverrideQueue()
  for (let i = 0; i < MAX_QUEUED_OVERRIDES; i++) queue.use({ endpoint: 'jwks', delayMs: 1, persistent: true })
  expect(() => queue.use({ endpoint: 'jwks', delayMs: 1 })).toThrow(OverrideError)
  expect(() => queue.use({ endpoint: 'jwks', delayMs: 1 })).toThrow(/reset\(\) clears them/)
  expect(queue.size).toBe(MAX_QUEUED_OVERRIDES)
  queue.clear()
  queue.use({ endpoint: 'jwks', delayMs: 1 })
  expect(queue.size).toBe(1)
})
