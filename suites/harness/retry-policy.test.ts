import { expect, it } from 'vitest'
import type { Exchange } from '../../reports/run-result.js'
import { DriveError } from './evidence.js'
import { TargetUnreachable } from './http-client.js'
import { DEFAULT_RETRY_POLICY, retryAfterMs, retryDecision, transientReason } from './retry-policy.js'

function exchange(status: number | undefined, headers: Record<string, string> = {}): Exchange {
  return {
    id: 1,
    label: 'happy flow: redeem the code',
    request: { method: 'POST', url: 'https://op.example/token', headers: {} },
    ...(status === undefined ? { error: 'ECONNRESET' } : { response: { status, headers, body: '' } }),
    durationMs: 3,
  }
}

const policy = DEFAULT_RETRY_POLICY
const NOW = Date.parse('2026-11-25T10:00:00Z')

it('treats no answer, a 5xx and a 429 as transient', () => {
  expect(transientReason(new TargetUnreachable('refused', exchange(undefined)), [])).toBe('ECONNRESET')
  expect(transientReason(new DriveError('stopped on a page'), [exchange(500)])).toBe(
    'HTTP 500 to "happy flow: redeem the code"',
  )
  expect(transientReason(new DriveError('stopped'), [exchange(429)])).toContain('HTTP 429')
  expect(transientReason(new DriveError('stopped', { status: 503 }), [])).toBe('HTTP 503')
})

it('treats a refused password or a 400 as deterministic', () => {
  expect(transientReason(new DriveError('the credentials were not accepted'), [exchange(200)])).toBeUndefined()
  expect(transientReason(new DriveError('the token endpoint answered 400'), [exchange(400)])).toBeUndefined()
  expect(transientReason(new DriveError('stopped', { status: 400 }), [])).toBeUndefined()
})

it('backs off 250 ms, then 1 s, and stops after the third attempt', () => {
  expect(retryDecision(policy, 1, [exchange(500)], NOW)).toEqual({ retry: true, delayMs: 250 })
  expect(retryDecision(policy, 2, [exchange(500)], NOW)).toEqual({ retry: true, delayMs: 1000 })
  expect(retryDecision(policy, 3, [exchange(500)], NOW)).toEqual({ retry: false })
})

it('waits as long as Retry-After asks, within the bound, and gives up with the reason beyond it', () => {
  expect(retryDecision(policy, 1, [exchange(429, { 'Retry-After': '2' })], NOW)).toEqual({
    retry: true,
    delayMs: 2000,
  })
  const tooLong = retryDecision(policy, 1, [exchange(503, { 'retry-after': '60' })], NOW)
  expect(tooLong).toEqual({
    retry: false,
    reason: 'the target asked to retry after 60 s (Retry-After), longer than the 10 s the suite waits',
  })
})

it('reads Retry-After as delay-seconds or as an HTTP-date (RFC 9110 §10.2.3)', () => {
  expect(retryAfterMs('3', NOW)).toBe(3000)
  expect(retryAfterMs('Wed, 25 Nov 2026 10:00:05 GMT', NOW)).toBe(5000)
  expect(retryAfterMs('Wed, 25 Nov 2026 09:00:00 GMT', NOW)).toBe(0)
  expect(retryAfterMs('soon', NOW)).toBeUndefined()
  expect(retryAfterMs(undefined, NOW)).toBeUndefined()
})
