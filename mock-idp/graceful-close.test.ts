import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { createMockIdp } from './index.js'
import { openSocket } from './test-support/raw-http.js'

const closedBy = (socket: Socket) =>
  new Promise<string>((resolve) => {
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.once('close', () => resolve(text))
  })

/**
 * Resolves once the override queue holds fewer than `count` entries: a request has taken one. The
 * first request imports the routes (server.ts), which takes I/O, not a number of event-loop turns:
 * the wait is bounded in time.
 */
async function overrideTaken(overrides: { size: number }, count: number): Promise<void> {
  const deadline = Date.now() + 5_000
  while (overrides.size >= count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
  expect(overrides.size).toBeLessThan(count)
}

describe('close()', () => {
  it('answers a request held by a 20 s delayMs override at once, instead of keeping the process alive', async () => {
    const idp = await createMockIdp({ log: { level: 'silent' } })
    idp.use({ endpoint: 'jwks', delayMs: 20_000 })
    const delayed = fetch(`${idp.url}/.well-known/jwks.json`)
    await overrideTaken(idp.running.provider.overrides, 1)
    const closed = idp.close()
    const response = await delayed
    expect(response.status).toBe(200)
    expect(response.headers.get('connection')).toBe('close')
    await closed
    expect(idp.running.server.listening).toBe(false)
  })

  it('lets a request under way finish: its body, sent after close() began, still gets the answer', async () => {
    const idp = await createMockIdp({ log: { level: 'silent' } })
    const { host } = new URL(idp.url)
    // The claims override is taken when the token request starts, before its body is read.
    idp.use({ claims: { marker: 'under-way' } })
    const head = `POST /auth/token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 29\r\n\r\n`
    const upload = await openSocket(idp.url, `${head}grant_type=authoriz`)
    const answer = closedBy(upload)
    await overrideTaken(idp.running.provider.overrides, 1)
    const closed = idp.close()
    upload.write('ation_code')
    const text = await answer
    expect(text).toMatch(/^HTTP\/1\.1 401 /)
    expect(text).toMatch(/\r\nconnection: close\r\n/i)
    expect(text).toMatch(/"error":"invalid_client"/)
    await closed
  })

  it('closes idle keep-alive connections and connections that sent nothing', async () => {
    const idp = await createMockIdp({ log: { level: 'silent' } })
    const { host } = new URL(idp.url)
    const silent = await openSocket(idp.url)
    const keptAlive = await openSocket(idp.url, `GET /.well-known/jwks.json HTTP/1.1\r\nHost: ${host}\r\n\r\n`)
    const firstAnswer = new Promise((resolve) => keptAlive.once('data', resolve))
    await firstAnswer
    const silentClosed = closedBy(silent)
    const keptAliveClosed = new Promise((resolve) => keptAlive.once('close', resolve))
    await idp.close()
    await Promise.all([silentClosed, keptAliveClosed])
    expect(silent.destroyed && keptAlive.destroyed).toBe(true)
  })

  it('cuts a request still under way after limits.shutdownTimeoutMs, and says so once at warn', async () => {
    const warnings: string[] = []
    const log = { error: () => {}, warn: (message: string) => warnings.push(message), info: () => {}, debug: () => {} }
    const idp = await createMockIdp({ limits: { shutdownTimeoutMs: 200 } }, { log })
    const { host } = new URL(idp.url)
    idp.use({ claims: { marker: 'stalled' } })
    const head = `POST /auth/token HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`
    const stalled = await openSocket(idp.url, `${head}grant_type=`)
    const cut = closedBy(stalled)
    await overrideTaken(idp.running.provider.overrides, 1)
    await idp.close()
    expect(await cut).toBe('')
    expect(warnings).toEqual([expect.stringMatching(/closed 1 connection\(s\).*limits\.shutdownTimeoutMs/)])
  })
})
