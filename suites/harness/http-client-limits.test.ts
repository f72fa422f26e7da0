/**
 * The HTTP client against hostile answers (docs/runner-limits.md): bodies larger than the limit,
 * endless ones, ones that trickle past the timeout, hangs and resets — each ends in a typed error
 * with the reason and the start of what arrived, never a crash, a hang or an unbounded buffer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { HttpClient, ResponseTooLarge, TargetUnreachable } from './http-client.js'
import { DEFAULT_LIMITS } from './limits.js'

const KiB = 1024
const MiB = 1024 * KiB
const gzipBomb = gzipSync(Buffer.alloc(64 * MiB, 0x20))
/** Bytes the server wrote for each endless answer before the client went away. */
const written = new Map<string, number>()

const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/small': (_, response) => response.end('{"ok":true}'),
  /** 3 MiB with Content-Length. */
  '/large': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(3 * MiB) })
    response.end(Buffer.alloc(3 * MiB, 0x20))
  },
  /** 100 KiB of JSON whose first member is a token. */
  '/long-json': (_, response) => {
    response.setHeader('content-type', 'application/json')
    response.end(JSON.stringify({ access_token: 'tok-secret-value', padding: 'x'.repeat(100 * KiB) }))
  },
  /** Chunked, never ends: writes as fast as the client reads. */
  '/endless': (request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    let bytes = 0
    const chunk = Buffer.alloc(64 * KiB, 0x61)
    const pump = () => {
      while (!response.destroyed && bytes < 256 * MiB) {
        bytes += chunk.length
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
    }
    response.on('close', () => written.set(request.url!, bytes))
    pump()
  },
  /** 200 KiB on the wire, 64 MiB once decompressed. */
  '/gzip-bomb': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' })
    response.end(gzipBomb)
  },
  /** Headers, a first byte, then nothing: the body never ends. */
  '/trickle': (_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' })
    response.write('<html>')
  },
  /** No answer at all. */
  '/hang': () => {},
  /** Part of a declared body, then the connection is reset (TCP RST). */
  '/reset': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
    response.write('{"access_token":"eyJhbGciOi', () => response.socket?.resetAndDestroy())
  },
  /** Part of a declared body, then the connection is closed. */
  '/cut-short': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' })
    response.write('{"access_token":"eyJhbGciOi', () => response.socket?.destroy())
  },
}

let url: string
const server = createServer((request, response) => {
  const route = routes[request.url ?? '']
  if (route) route(request, response)
  else response.writeHead(404).end()
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

function client(timeoutMs = 5000): HttpClient {
  return new HttpClient({ timeoutMs, secrets: [] })
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('the request should have failed'),
    (error: unknown) => error,
  )
}

it('refuses a body larger than the limit of its kind, naming the limit, and keeps its start marked as cut', async () => {
  const error = await failure(client().send({ url: `${url}/large`, kind: 'api', label: 'token' }))
  expect(error).toBeInstanceOf(ResponseTooLarge)
  const { message, exchange } = error as ResponseTooLarge
  expect(message).toContain(
    `(${3 * MiB} bytes) is larger than the 1 MiB the runner reads (limits.maxResponseBytes.api)`,
  )
  expect(exchange.error).toBeUndefined()
  expect(exchange.response?.status).toBe(200)
  expect(exchange.response?.truncated).toEqual({ keptBytes: 64 * KiB, totalBytes: 3 * MiB, readLimit: 1 * MiB })
  expect(exchange.response?.body).toBe(`${' '.repeat(64 * KiB)}…[truncated: ${3 * MiB} bytes total]`)
})

it('reads a page up to its own, larger limit', async () => {
  const http = new HttpClient({
    timeoutMs: 5000,
    secrets: [],
    limits: { ...DEFAULT_LIMITS, maxResponseBytes: { ...DEFAULT_LIMITS.maxResponseBytes, page: 4 * MiB } },
  })
  const response = await http.send({ url: `${url}/large`, label: 'a page' })
  expect(response.text.length).toBe(3 * MiB)
  expect(response.exchange.response?.truncated).toEqual({ keptBytes: 64 * KiB, totalBytes: 3 * MiB })
  expect(response.exchange.response?.body.endsWith(`…[truncated: ${3 * MiB} bytes total]`)).toBe(true)
})

it('stops reading an endless body at the limit and drops the connection', async () => {
  const error = await failure(client().send({ url: `${url}/endless`, kind: 'metadata', label: 'discovery' }))
  expect(error).toBeInstanceOf(ResponseTooLarge)
  const { message, exchange } = error as ResponseTooLarge
  expect(message).toContain(
    'the response body is larger than the 1 MiB the runner reads (limits.maxResponseBytes.metadata)',
  )
  expect(exchange.response?.truncated).toEqual({ keptBytes: 64 * KiB, readLimit: 1 * MiB })
  expect(exchange.response?.body.endsWith(`…[truncated: more than ${1 * MiB} bytes]`)).toBe(true)
  await expect.poll(() => written.get('/endless')).toBeDefined()
  // What the server got out before the connection closed: socket buffers, not the 256 MiB it had to send.
  expect(written.get('/endless')).toBeLessThan(32 * MiB)
})

it('measures a compressed body once decompressed, so a compression bomb stops at the limit', async () => {
  const error = await failure(client().send({ url: `${url}/gzip-bomb`, kind: 'api', label: 'token' }))
  expect(error).toBeInstanceOf(ResponseTooLarge)
  expect((error as ResponseTooLarge).message).toContain('the response body is larger than the 1 MiB the runner reads')
  expect((error as ResponseTooLarge).exchange.response?.truncated).toEqual({ keptBytes: 64 * KiB, readLimit: 1 * MiB })
})

it('ends a body that trickles forever at the request timeout, keeping what arrived', async () => {
  const error = await failure(client(300).send({ url: `${url}/trickle`, label: 'login page' }))
  expect(error).toBeInstanceOf(TargetUnreachable)
  const { exchange } = error as TargetUnreachable
  expect(exchange.error).toBe('the response body did not end within 300 ms (timeouts.request)')
  expect(exchange.response).toMatchObject({ status: 200, body: '<html>' })
})

it('ends a request the server never answers at the request timeout', async () => {
  const error = await failure(client(300).send({ url: `${url}/hang`, label: 'discovery' }))
  expect(error).toBeInstanceOf(TargetUnreachable)
  expect((error as TargetUnreachable).exchange.error).toBe('no answer within 300 ms')
  expect((error as TargetUnreachable).exchange.response).toBeUndefined()
})

it('reports a connection reset in the middle of the body as the reason', async () => {
  const error = await failure(client().send({ url: `${url}/reset`, kind: 'api', label: 'token' }))
  expect(error).toBeInstanceOf(TargetUnreachable)
  // The reset may overtake the headers: then there was no answer at all.
  expect((error as TargetUnreachable).exchange.error).toMatch(
    /^(the connection broke before the response body ended: )?(UND_ERR_SOCKET|ECONNRESET)/,
  )
})

it('keeps what arrived of a body cut short, redacted even where it broke off inside a token', async () => {
  const error = await failure(client().send({ url: `${url}/cut-short`, kind: 'api', label: 'token' }))
  expect(error).toBeInstanceOf(TargetUnreachable)
  const { exchange } = error as TargetUnreachable
  expect(exchange.error).toMatch(/^the connection broke before the response body ended: /)
  expect(exchange.response?.body).toBe('{"access_token":"[REDACTED]')
})

it('keeps at most maxEvidenceBytes of a body, redacted before it is cut', async () => {
  const response = await client().send({ url: `${url}/long-json`, kind: 'api', label: 'token' })
  expect(JSON.parse(response.text).access_token).toBe('tok-secret-value')
  const kept = response.exchange.response!
  expect(kept.truncated?.keptBytes).toBe(64 * KiB)
  expect(kept.truncated?.totalBytes).toBeGreaterThan(100 * KiB)
  expect(kept.body.startsWith('{"access_token":"[REDACTED]","padding":"xxx')).toBe(true)
  expect(kept.body.endsWith(`…[truncated: ${kept.truncated?.totalBytes} bytes total]`)).toBe(true)
})

it('leaves a body within the limits whole and unflagged', async () => {
  const response = await client().send({ url: `${url}/small`, kind: 'api', label: 'token' })
  expect(response.exchange.response).toMatchObject({ status: 200, body: '{"ok":true}' })
  expect(response.exchange.response?.truncated).toBeUndefined()
})

it('cuts the bodies of exchanges recorded for others (a browser) to the evidence limit, never keeping them whole', () => {
  const huge = `<html>${'é'.repeat(3 * MiB)}`
  const recorded = client().record({
    label: 'browser GET /login',
    request: { method: 'POST', url: `${url}/login`, headers: {}, body: `password=hunter22&x=${'y'.repeat(100 * KiB)}` },
    response: { status: 200, headers: {}, body: huge },
    durationMs: 1,
  })
  expect(recorded.response?.truncated).toEqual({ keptBytes: 64 * KiB, totalBytes: Buffer.byteLength(huge) })
  expect(Buffer.byteLength(recorded.response!.body)).toBeLessThan(64 * KiB + 100)
  expect(recorded.request.body).toMatch(/^password=\[REDACTED\]&x=y+…\[truncated: \d+ bytes total\]$/)
  expect(recorded.request.truncated?.keptBytes).toBe(64 * KiB)
})
