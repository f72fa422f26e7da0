import { expect, it } from 'vitest'
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
