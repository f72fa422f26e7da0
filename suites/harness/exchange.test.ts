import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, it } from 'vitest'
import type { Exchange } from '../../reports/run-result.js'
import { boundExchange, redactExchange } from './exchange.js'

const exec = promisify(execFile)

function exchangeWith(body: string): Exchange {
  return {
    id: 1,
    label: 'token',
    request: { method: 'POST', url: 'https://op.example/token', headers: {} },
    response: { status: 200, headers: {}, body },
    durationMs: 1,
  }
}

it('cuts a body at a character boundary and ends it with the marker and its size', () => {
  // "é" is two bytes in UTF-8: 7 bytes would split one, so 6 are kept.
  const bound = boundExchange(exchangeWith('aéééééé'), 6)
  expect(bound.response?.body).toBe('aéé…[truncated: 13 bytes total]')
  expect(bound.response?.truncated).toEqual({ keptBytes: 5, totalBytes: 13 })
})

it('leaves a body within the limit untouched and unflagged', () => {
  const bound = boundExchange(exchangeWith('{"ok":true}'), 64)
  expect(bound.response).toEqual({ status: 200, headers: {}, body: '{"ok":true}' })
})

it('says "more than" the bytes read when reading stopped at the limit and the size was never stated', () => {
  const cutAtRead = exchangeWith('x'.repeat(100))
  cutAtRead.response!.truncated = { keptBytes: 100, readLimit: 100 }
  const bound = boundExchange(cutAtRead, 10)
  expect(bound.response?.body).toBe('xxxxxxxxxx…[truncated: more than 100 bytes]')
  expect(bound.response?.truncated).toEqual({ keptBytes: 10, readLimit: 100 })
})

it('redacts a form-like body that ends in markup in linear time (a crafted body cannot stall the run)', {
  timeout: 30_000,
}, async () => {
  // With the former pattern, each "&a=" doubled the work: 60 of them never finished.
  const script = `
    import { redactExchange } from './suites/harness/exchange.ts'
    const body = 'a=' + '&a='.repeat(60) + '<'
    const out = redactExchange({ id: 1, label: 'x', request: { method: 'GET', url: 'https://op/', headers: {} }, response: { status: 200, headers: {}, body }, durationMs: 0 })
    process.stdout.write(out.response.body === body ? 'same' : 'changed')
  `
  const { stdout } = await exec(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    timeout: 20_000,
  }).catch((error: { killed?: boolean; stderr?: string }) => {
    throw new Error(error.killed ? 'redaction did not finish: the pattern backtracks' : String(error.stderr))
  })
  expect(stdout).toBe('same')
})

it('still redacts form bodies, and a secret member a cut JSON body never closed', () => {
  const form = redactExchange(exchangeWith('grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&x=1'))
  expect(form.response?.body).toBe('grant_type=authorization_code&code=[REDACTED]&x=1')
  const cut = redactExchange(exchangeWith('{"token_type":"Bearer","refresh_token":"tGzv3JOkF0XG5Qx2TlKWIA'))
  expect(cut.response?.body).toBe('{"token_type":"Bearer","refresh_token":"[REDACTED]')
})
