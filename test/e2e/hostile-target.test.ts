/**
 * `codeflow run` (a real child process, its heap capped at 256 MiB so a runner that buffers what
 * it is sent dies instead of eating the machine) against targets that send too much, too slowly,
 * nothing at all, or break off: each run ends normally with exit 2 and a report that says why,
 * bounded in size (docs/runner-limits.md). The hostile answers come from a server in this test;
 * everything else is the real mock IdP.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { parseReport } from '../../reports/parse-report.js'
import type { Report } from '../../reports/schema.js'

const MiB = 1024 * 1024
/** 50 MB of JSON: a valid document, just far too large. */
const FIFTY_MB = 50 * 1000 * 1000

let idp: MockIdp
let hostile: string
let dir: string
const server = createServer((request, response) => {
  const route = routes[new URL(request.url ?? '/', 'http://x').pathname]
  if (route) route(request, response)
  else response.writeHead(404).end()
})

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  hostile = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  dir = mkdtempSync(join(tmpdir(), 'codeflow-hostile-'))
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  await idp?.close()
})

const routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void> = {
  '/discovery-50mb': (_, response) => sendLarge(response, FIFTY_MB),
  '/token-50mb': (_, response) => sendLarge(response, FIFTY_MB),
  '/token-endless': (_, response) => sendEndless(response),
  '/token-trickle': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.write('{"access_token":"')
    const timer = setInterval(() => response.write('a'), 100)
    response.on('close', () => clearInterval(timer))
  },
  '/discovery-hang': () => {},
  '/authorize-loop': (request, response) => {
    const hop = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('hop') ?? 0)
    response.writeHead(302, { location: `/authorize-loop?hop=${hop + 1}` }).end()
  },
  '/token-reset': (_, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' })
    response.write('{"access_token":"eyJhbGciOiJSUzI1NiJ9.', () => response.socket?.resetAndDestroy())
  },
  /** The real token endpoint, except that refresh grants get 50 MB. */
  '/token-refresh-50mb': (request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const body = Buffer.concat(chunks).toString()
      if (new URLSearchParams(body).get('grant_type') === 'refresh_token') return sendLarge(response, FIFTY_MB)
      const answer = await fetch(`${idp.url}/auth/token`, {
        method: 'POST',
        headers: pick(request, ['authorization', 'content-type']),
        body,
      })
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
        'cache-control': 'no-store',
      })
      response.end(await answer.text())
    })
  },
}

/** `{"padding":"xxx…"}` of `bytes` bytes, with Content-Length, written as fast as the client reads. */
function sendLarge(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(bytes) })
  response.write('{"padding":"')
  pump(response, bytes - '{"padding":"'.length - 2, () => response.end('"}'))
}

/** Chunked, never ending: until the client goes away. */
function sendEndless(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' })
  response.write('{"padding":"')
  pump(response, Number.POSITIVE_INFINITY, () => {})
}

function pump(response: ServerResponse, bytes: number, done: () => void): void {
  const chunk = Buffer.alloc(256 * 1024, 0x78)
  let left = bytes
  const more = () => {
    while (left > 0 && !response.destroyed) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left)
      left -= part.length
      if (!response.write(part)) return void response.once('drain', more)
    }
    if (left <= 0) done()
  }
  more()
}

function pick(request: IncomingMessage, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => (request.headers[name] ? [[name, String(request.headers[name])]] : [])),
  )
}

/** The mock's target file with one client and one user (one login in the preflight), and the given changes. */
function target(changes: Record<string, unknown>): string {
  const base = idp.targetFile() as { clients: unknown[]; users: unknown[] }
  const file = join(dir, `target-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(
    file,
    JSON.stringify({ ...base, clients: base.clients.slice(1, 2), users: base.users.slice(0, 1), ...changes }),
  )
  return file
}

/** `codeflow run` in a child process with a 256 MiB heap: its exit code and its report. */
async function run(
  file: string,
  ...args: string[]
): Promise<{ code: number | null; report: Report; size: number; output: string }> {
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`)
  const result = await new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
    execFile(
      process.execPath,
      [
        '--max-old-space-size=256',
        '--import',
        'tsx',
        'src/cli/main.ts',
        'run',
        '--target',
        file,
        '--out',
        out,
        ...args,
      ],
      { env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000, maxBuffer: 16 * MiB },
      (error, stdout, stderr) =>
        resolve({
          code: error ? ((error as { code?: number }).code ?? null) : 0,
          signal: error ? ((error as { signal?: string }).signal ?? null) : null,
          output: `${stdout}\n${stderr}`.slice(-4000),
        }),
    ),
  )
  // 2 is a run that failed and said so; 133/134 or a signal is V8 giving up (the heap cap was hit).
  expect({ code: result.code, signal: result.signal }, result.output).toEqual({ code: 2, signal: null })
  const json = join(out, 'report.json')
  return {
    code: result.code,
    report: parseReport(JSON.parse(readFileSync(json, 'utf8'))),
    size: statSync(json).size,
    output: result.output,
  }
}

function expectStoppedAtPreflight(report: Report, reason: string | RegExp): void {
  expect(report).toMatchObject({ conformant: false, incomplete: true })
  expect(report.rootCauses.map((cause) => cause.id)).toEqual(['preflight'])
  expect(report.rootCauses[0]!.message).toMatch(reason)
}

it('ends a run against a 50 MB discovery document with exit 2 and a report naming the metadata limit', {
  timeout: 200_000,
}, async () => {
  const { report, size } = await run(target({ discovery: `${hostile}/discovery-50mb` }))
  expectStoppedAtPreflight(
    report,
    `the response body (${FIFTY_MB} bytes) is larger than the 1 MiB the runner reads (limits.maxResponseBytes.metadata)`,
  )
  const exchange = report.rootCauses[0]!.exchanges.at(-1)!
  expect(exchange.response?.truncated).toEqual({ keptBytes: 64 * 1024, totalBytes: FIFTY_MB, readLimit: MiB })
  expect(exchange.response?.body.endsWith(`…[truncated: ${FIFTY_MB} bytes total]`)).toBe(true)
  expect(size).toBeLessThan(MiB)
})

it('ends a run against a 50 MB token response with exit 2 and a report naming the api limit', {
  timeout: 200_000,
}, async () => {
  const { report, size } = await run(target({ endpoints: { token: `${hostile}/token-50mb` } }))
  expectStoppedAtPreflight(report, 'is larger than the 1 MiB the runner reads (limits.maxResponseBytes.api)')
  expect(size).toBeLessThan(MiB)
})

it('cuts a token response that never ends at the api limit and exits 2 at once', { timeout: 200_000 }, async () => {
  const { report, size } = await run(target({ endpoints: { token: `${hostile}/token-endless` } }))
  expectStoppedAtPreflight(
    report,
    'the response body is larger than the 1 MiB the runner reads (limits.maxResponseBytes.api)',
  )
  expect(report.rootCauses[0]!.exchanges.at(-1)?.response?.body.endsWith(`…[truncated: more than ${MiB} bytes]`)).toBe(
    true,
  )
  expect(size).toBeLessThan(MiB)
})

it('ends a token response that trickles forever at the request timeout, with exit 2', {
  timeout: 200_000,
}, async () => {
  const { report } = await run(
    target({ endpoints: { token: `${hostile}/token-trickle` }, timeouts: { request: 2000 } }),
  )
  expectStoppedAtPreflight(report, 'the response body did not end within 2000 ms (timeouts.request)')
})

it('ends a run against a discovery endpoint that never answers at the request timeout, with exit 2', {
  timeout: 200_000,
}, async () => {
  const { report } = await run(target({ discovery: `${hostile}/discovery-hang`, timeouts: { request: 2000 } }))
  expectStoppedAtPreflight(report, 'no answer within 2000 ms')
})

it('stops following an authorization endpoint that redirects to itself forever after a bounded number of hops, with exit 2', {
  timeout: 200_000,
}, async () => {
  const { report } = await run(target({ endpoints: { authorization: `${hostile}/authorize-loop` } }))
  expectStoppedAtPreflight(report, /no redirect back to the client after \d+ pages and redirects/)
})

it('reports a connection reset in the middle of the token response as the reason, with exit 2', {
  timeout: 200_000,
}, async () => {
  const { report } = await run(target({ endpoints: { token: `${hostile}/token-reset` } }))
  // The reset may overtake the headers: then the target did not answer at all.
  expectStoppedAtPreflight(
    report,
    /(the connection broke before the response body ended:|the target is unreachable: .* and got) (UND_ERR_SOCKET|ECONNRESET)/,
  )
  expect(JSON.stringify(report)).not.toContain('eyJhbGciOiJSUzI1NiJ9')
})

it('ends a run (vitest engine) that meets 50 MB refresh responses after a good preflight with exit 2, the refresh checks in error naming the limit', {
  timeout: 200_000,
}, async () => {
  const { report, size } = await run(
    target({ endpoints: { token: `${hostile}/token-refresh-50mb` } }),
    '--only',
    'refresh',
  )
  expect(report).toMatchObject({ conformant: false, incomplete: true })
  const limited = report.rootCauses.filter((cause) => cause.message.includes('limits.maxResponseBytes.api'))
  expect(limited.length, JSON.stringify(report.rootCauses.map((cause) => cause.message))).toBeGreaterThan(0)
  expect(limited[0]!.hint).toContain('raise limits.maxResponseBytes')
  const errors = report.checks.filter((check) => check.outcome === 'error')
  expect(errors.length).toBeGreaterThan(0)
  for (const check of report.checks) {
    for (const exchange of check.evidence.exchanges) expect(exchange.response?.body.length ?? 0).toBeLessThan(65 * 1024)
  }
  expect(size).toBeLessThan(4 * MiB)
})
