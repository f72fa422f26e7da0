import * as cheerio from 'cheerio'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { testProvider } from '../test-support/back-channel.js'
import { createApp } from './app.js'

afterEach(() => {
  vi.useRealTimers()
})

/** An app whose next discovery request is held by `use({ delayMs })` until the fake clock moves. */
async function appHoldingOneRequest(overlap: 'serve' | 'fail') {
  vi.useFakeTimers({ toFake: ['setTimeout'] })
  const { provider } = await testProvider({ server: { overlap } })
  provider.overrides.use({ endpoint: 'discovery', delayMs: 1000 })
  const app = createApp(provider)
  const held = Promise.resolve(app.request('/.well-known/openid-configuration'))
  // Let the held request reach its delay.
  await vi.advanceTimersByTimeAsync(0)
  return { app, held, provider }
}

describe('server.overlap', () => {
  it('"fail" answers 500 "database is locked" in JSON to a request that overlaps another', async () => {
    const { app, held } = await appHoldingOneRequest('fail')
    const second = await app.request('/.well-known/jwks.json')
    expect(second.status).toBe(500)
    expect(await second.json()).toEqual({ error: 'server_error', error_description: 'database is locked' })
    await vi.advanceTimersByTimeAsync(1000)
    expect((await held).status).toBe(200)
  })

  it('"fail" answers an HTML 500 page on page endpoints', async () => {
    const { app, held } = await appHoldingOneRequest('fail')
    const page = await app.request('/login?interaction=x')
    expect(page.status).toBe(500)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(
      cheerio
        .load(await page.text())('[data-testid="error-description"]')
        .text(),
    ).toBe('database is locked')
    await vi.advanceTimersByTimeAsync(1000)
    await held
  })

  it('"fail" serves a request that arrives alone, also right after an overlap', async () => {
    const { app, held, provider } = await appHoldingOneRequest('fail')
    expect((await app.request('/.well-known/jwks.json')).status).toBe(500)
    await vi.advanceTimersByTimeAsync(1000)
    await held
    expect((await app.request('/.well-known/jwks.json')).status).toBe(200)
    expect((await app.request('/.well-known/openid-configuration')).status).toBe(200)
    const statuses = provider.recorder.list().map((exchange) => `${exchange.endpoint} ${exchange.status}`)
    expect(statuses).toEqual(['jwks 500', 'discovery 200', 'jwks 200', 'discovery 200'])
  })

  it('"serve" (the default) serves overlapping requests', async () => {
    const { app, held } = await appHoldingOneRequest('serve')
    expect((await app.request('/.well-known/jwks.json')).status).toBe(200)
    await vi.advanceTimersByTimeAsync(1000)
    expect((await held).status).toBe(200)
  })

  it('"fail" keeps serving after a request that failed inside the endpoint', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    const { provider } = await testProvider({ server: { overlap: 'fail' } })
    const app = createApp(provider)
    provider.overrides.use({ endpoint: 'token', respond: { status: 503 } })
    expect((await app.request('/auth/token', { method: 'POST' })).status).toBe(503)
    expect((await app.request('/.well-known/jwks.json')).status).toBe(200)
  })
})
