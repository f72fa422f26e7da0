/**
 * A reverse proxy in front of the mock IdP that behaves like a single-threaded, SQLite-backed dev
 * server: in `lock` mode a request that arrives while another is in flight gets
 * `500 database is locked`. In either mode it counts what was in flight together, so a test can
 * say how many requests the suite really had in flight at the server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SeenRequest {
  method: string
  path: string
  body: string
}

export interface LockingProxy {
  url: string
  /** Where requests go (the mock IdP's own URL); set it once the mock is up. */
  upstream: string
  /** `lock`: 500 to a request that overlaps another; `pass`: forward everything. */
  mode: 'lock' | 'pass'
  /** The most requests in flight at once since the last reset. */
  readonly mostInFlight: number
  /** Each time a request arrived while others were in flight: all of them (bodies filled in once read). */
  readonly overlaps: SeenRequest[][]
  /** How many requests got `database is locked`. */
  readonly rejected: number
  reset(): void
  close(): Promise<void>
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'host',
  'content-encoding',
])

export async function startLockingProxy(): Promise<LockingProxy> {
  const inFlight = new Set<SeenRequest>()
  let mostInFlight = 0
  let overlaps: SeenRequest[][] = []
  let rejected = 0
  const proxy = {
    url: '',
    upstream: '',
    mode: 'pass' as 'lock' | 'pass',
  }

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const seen: SeenRequest = { method: request.method ?? 'GET', path: request.url ?? '/', body: '' }
    const busy = inFlight.size > 0
    inFlight.add(seen)
    mostInFlight = Math.max(mostInFlight, inFlight.size)
    if (busy) overlaps.push([...inFlight])
    // Leaves the in-flight set before the last byte is sent: the client cannot have its answer earlier.
    const answer = (status: number, headers: Array<[string, string]>, body: Buffer | string) => {
      inFlight.delete(seen)
      response.statusCode = status
      for (const [name, value] of headers) response.appendHeader(name, value)
      response.end(body)
    }
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    seen.body = Buffer.concat(chunks).toString('utf8')
    if (busy && proxy.mode === 'lock') {
      rejected++
      answer(500, [['content-type', 'text/plain']], 'database is locked')
      return
    }
    try {
      const headers = new Headers()
      for (const [name, value] of Object.entries(request.headers)) {
        if (HOP_BY_HOP.has(name) || value === undefined) continue
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
      }
      const upstream = await fetch(new URL(seen.path, proxy.upstream), {
        method: seen.method,
        headers,
        ...(seen.method === 'GET' || seen.method === 'HEAD'
          ? {}
          : { body: chunks.length ? Buffer.concat(chunks) : '' }),
        redirect: 'manual',
      })
      const body = Buffer.from(await upstream.arrayBuffer())
      const out: Array<[string, string]> = []
      upstream.headers.forEach((value, name) => {
        if (!HOP_BY_HOP.has(name) && name !== 'set-cookie') out.push([name, value])
      })
      for (const cookie of upstream.headers.getSetCookie()) out.push(['set-cookie', cookie])
      answer(upstream.status, out, body)
    } catch (error) {
      answer(502, [['content-type', 'text/plain']], `proxy: ${(error as Error).message}`)
    }
  }

  const server = createServer((request, response) => {
    void handle(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Getters, not copies: the counts change while the suite runs.
  return Object.defineProperties(proxy, {
    mostInFlight: { get: () => mostInFlight },
    overlaps: { get: () => overlaps },
    rejected: { get: () => rejected },
    reset: {
      value: () => {
        mostInFlight = 0
        overlaps = []
        rejected = 0
      },
    },
    close: {
      value: () =>
        new Promise<void>((resolve, reject) => {
          server.closeAllConnections()
          server.close((error) => (error ? reject(error) : resolve()))
        }),
    },
  }) as LockingProxy
}
