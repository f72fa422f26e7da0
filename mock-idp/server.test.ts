import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { parseConfig } from './config/load.js'
import type { Logger } from './log.js'
import { type RunningMockIdp, serveMockIdp } from './server.js'
import { openSocket, rawExchange, uploadUntilAnswered } from './test-support/raw-http.js'

let running: RunningMockIdp | undefined
afterEach(async () => {
  await running?.close()
  running = undefined
})

interface LogLine {
  level: string
  text: string
}

/** A logger that keeps every line with its level, and tells who waits for a line like a pattern. */
function recordingLogger(): Logger & { lines: LogLine[]; when(pattern: RegExp): Promise<LogLine> } {
  const lines: LogLine[] = []
  const waiting: Array<{ pattern: RegExp; resolve: (line: LogLine) => void }> = []
  const at = (level: string) => (message: string, detail?: unknown) => {
    const line = { level, text: detail === undefined ? message : `${message} ${String(detail)}` }
    lines.push(line)
    for (const waiter of waiting.filter((candidate) => candidate.pattern.test(line.text))) {
      waiting.splice(waiting.indexOf(waiter), 1)
      waiter.resolve(line)
    }
  }
  return {
    lines,
    when: (pattern) => new Promise((resolve) => waiting.push({ pattern, resolve })),
    error: at('error'),
    warn: at('warn'),
    info: at('info'),
    debug: at('debug'),
  }
}

const ABORTED = /closed before the whole request body arrived/
/** What an aborted upload may log: the quiet line, or (the defect) an unexpected error. */
const ABORTED_OR_ERROR = /closed before the whole request body arrived|unexpected error/

const closedBy = (socket: Socket) =>
  new Promise<string>((resolve) => {
    let text = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
    })
    socket.once('close', () => resolve(text))
  })

describe('server limits', () => {
  it('closes sockets beyond limits.maxConnections at once, and still answers once they are gone', async () => {
    running = await serveMockIdp({ port: 0, log: { level: 'silent' }, limits: { maxConnections: 20 } })
    const accepted: Socket[] = []
    running.server.on('connection', (socket: Socket) => accepted.push(socket))
    const sockets = await Promise.all(Array.from({ length: 40 }, () => openSocket(running!.url)))
    let closed = 0
    await new Promise<void>((resolve) => {
      for (const socket of sockets) {
        socket.once('close', () => {
          if (++closed === 20) resolve()
        })
      }
    })
    expect(sockets.filter((socket) => !socket.destroyed)).toHaveLength(20)
    expect(accepted).toHaveLength(20)
    // Once the server has seen its 20 connections close, it takes new ones again.
    const gone = accepted.map((socket) => new Promise((resolve) => socket.once('close', resolve)))
    for (const socket of sockets) socket.destroy()
    await Promise.all(gone)
    expect((await fetch(`${running.url}/.well-known/openid-configuration`)).status).toBe(200)
  })

  it('answers 408 and closes a connection that does not finish its headers within limits.headersTimeoutMs', async () => {
    running = await serveMockIdp({ port: 0, log: { level: 'silent' }, limits: { headersTimeoutMs: 300 } })
    const slow = await openSocket(running.url, `GET /userinfo HTTP/1.1\r\nHost: ${new URL(running.url).host}\r\n`)
    expect(await closedBy(slow)).toMatch(/^HTTP\/1\.1 408 /)
  })

  it('closes a connection whose body does not arrive within limits.requestTimeoutMs, logging it once at debug', async () => {
    const log = recordingLogger()
    running = await serveMockIdp({ port: 0, limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } }, { log })
    const head = [
      'POST /auth/token HTTP/1.1',
      `Host: ${new URL(running.url).host}`,
      'Content-Type: application/x-www-form-urlencoded',
      'Content-Length: 1000',
    ].join('\r\n')
    const logged = log.when(ABORTED_OR_ERROR)
    const slow = await openSocket(running.url, `${head}\r\n\r\ngrant_type=`)
    expect(await closedBy(slow)).toMatch(/^HTTP\/1\.1 408 /)
    expect((await logged).level).toBe('debug')
    expect(log.lines.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([])
  })

  it('logs an aborted upload once at debug level without a stack, not as an unexpected error', async () => {
    const log = recordingLogger()
    running = await serveMockIdp({ port: 0 }, { log })
    for (const path of ['/auth/token', '/oauth/authorize']) {
      const head = [
        `POST ${path} HTTP/1.1`,
        `Host: ${new URL(running.url).host}`,
        'Content-Type: application/x-www-form-urlencoded',
        'Content-Length: 10000',
      ].join('\r\n')
      const received = new Promise((resolve) => running!.server.once('request', resolve))
      const upload = await openSocket(running.url, `${head}\r\n\r\ngrant_type=authorization_code`)
      await received
      const logged = log.when(ABORTED_OR_ERROR)
      upload.destroy()
      await logged
    }
    expect(log.lines.filter((line) => ABORTED.test(line.text)).map((line) => line.level)).toEqual(['debug', 'debug'])
    expect(log.lines.filter((line) => line.level === 'error')).toEqual([])
    expect(log.lines.map((line) => line.text).join('\n')).not.toMatch(/\n\s+at /)
  })

  it('refuses a 300 MB body at the token endpoint with 413 while the client is still sending, by Content-Length or chunked', async () => {
    running = await serveMockIdp({ port: 0, log: { level: 'silent' } })
    const serverSockets = new Map<number, Socket>()
    running.server.on('connection', (socket: Socket) => serverSockets.set(socket.remotePort ?? 0, socket))
    const total = 300 * 1024 * 1024
    for (const framing of ['content-length', 'chunked'] as const) {
      const head = `POST /auth/token HTTP/1.1\r\nHost: ${new URL(running.url).host}\r\nContent-Type: application/x-www-form-urlencoded`
      const upload = await uploadUntilAnswered(running.url, head, total, framing)
      expect(upload.status, framing).toBe(413)
      expect(upload.sentWhenAnswered, framing).toBeLessThan(total)
      const socket = serverSockets.get(upload.localPort)!
      const read = await new Promise<number>((resolve) =>
        socket.destroyed ? resolve(socket.bytesRead) : socket.once('close', () => resolve(socket.bytesRead)),
      )
      expect(read, framing).toBeLessThan(16 * 1024 * 1024)
    }
  })

  it('answers a malformed Host header with a JSON 400', async () => {
    running = await serveMockIdp({ port: 0, log: { level: 'silent' } })
    const answer = await rawExchange(running.url, 'GET /userinfo HTTP/1.1\r\nHost: a@b\r\nConnection: close')
    expect(answer.status).toBe(400)
    expect(answer.text).toMatch(/"error":"invalid_request"/)
  })

  it('refuses a headers timeout longer than the request timeout and a keep-alive timeout of 0, naming the path', () => {
    expect(() => parseConfig({ limits: { headersTimeoutMs: 40_000 } })).toThrow(/limits\.headersTimeoutMs/)
    // Node reads a keep-alive timeout of 0 as "never time out": an idle connection would stay forever.
    expect(() => parseConfig({ limits: { keepAliveTimeoutMs: 0 } })).toThrow(/limits\.keepAliveTimeoutMs/)
    expect(parseConfig({}).limits).toMatchObject({
      maxConnections: 1024,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      shutdownTimeoutMs: 5_000,
    })
  })
})
