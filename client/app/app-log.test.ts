import { expect, it, vi } from 'vitest'
import { AppLog, MAX_LOG_LINES } from './app-log.js'

it('redacts secrets, token parameters, bearer credentials and bare JWTs in the lines it keeps', () => {
  const log = new AppLog(() => ['s3cr3t-client-secret'])
  log.write('stdout', 'secret=s3cr3t-client-secret code=abc123 Authorization: Bearer eyJabc.def.ghi\n')
  log.write('stderr', 'id token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl accepted\n')
  const text = log.tail().join('\n')
  expect(text).not.toContain('s3cr3t-client-secret')
  expect(text).not.toContain('abc123')
  expect(text).not.toContain('eyJ')
  expect(text).toContain('[REDACTED]')
})

it('joins chunks into lines per stream and reads only the lines written after a mark', () => {
  const log = new AppLog(() => [])
  log.write('stdout', 'first li')
  log.write('stderr', 'err one\n')
  log.write('stdout', 'ne\n')
  const mark = log.mark()
  log.write('stdout', 'during the sign-in\nunterminated')
  log.end()
  expect(log.since(0)).toEqual(['err one', 'first line', 'during the sign-in', 'unterminated'])
  expect(log.since(mark)).toEqual(['during the sign-in', 'unterminated'])
})

it('keeps at most the newest lines, and a mark older than them reads what is left', () => {
  const log = new AppLog(() => [])
  log.write('stdout', `${Array.from({ length: MAX_LOG_LINES + 5 }, (_, index) => `line ${index}`).join('\n')}\n`)
  expect(log.since(0)).toHaveLength(MAX_LOG_LINES)
  expect(log.since(0)[0]).toBe('line 5')
})

it('waits for a line written after the answer, then for the log to fall silent', async () => {
  vi.useFakeTimers()
  try {
    const log = new AppLog(() => [])
    const mark = log.mark()
    let settled = false
    const waiting = log.settled(100, 2000).then(() => {
      settled = true
    })
    await vi.advanceTimersByTimeAsync(60)
    log.write('stderr', 'refused: iat in the future\n')
    await vi.advanceTimersByTimeAsync(60)
    expect(settled).toBe(false)
    await vi.advanceTimersByTimeAsync(60)
    await waiting
    expect(log.since(mark)).toEqual(['refused: iat in the future'])
  } finally {
    vi.useRealTimers()
  }
})

it('stops waiting after the longest wait even when the app never falls silent', async () => {
  vi.useFakeTimers()
  try {
    const log = new AppLog(() => [])
    let settled = false
    const waiting = log.settled(100, 500).then(() => {
      settled = true
    })
    for (let step = 0; step < 10 && !settled; step++) {
      log.write('stdout', `busy ${step}\n`)
      await vi.advanceTimersByTimeAsync(80)
    }
    await waiting
    expect(settled).toBe(true)
    expect(log.since(0).length).toBeLessThan(10)
  } finally {
    vi.useRealTimers()
  }
})
