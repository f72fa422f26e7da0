/**
 * How much memory `codeflow run` takes against a target that sends as much as the runner reads
 * (docs/runner-limits.md): the mock IdP behind a proxy that pads every answer to one byte under
 * its kind's limit (metadata and back-channel JSON to 1 MiB, pages and redirects to 2 MiB) and
 * adds 12 KiB of headers — the worst a target can do without being cut — then, for comparison,
 * the mock as it is. Each run is the built CLI in a child process; it prints the child's peak RSS,
 * its peak main-thread heap (the direct engine runs everything there), its exit code and the
 * size of report.json.
 *
 *   npm run build && node --import tsx bench/runner-memory.ts [--engine vitest|direct] [--heap-cap 256]
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMockIdp } from '../mock-idp/index.js'
import { DEFAULT_LIMITS, type ResponseKind } from '../suites/harness/limits.js'

const CLI = 'dist/src/cli/main.js'
const argument = (name: string) => {
  const index = process.argv.indexOf(name)
  return index >= 0 ? process.argv[index + 1] : undefined
}
const engines = (argument('--engine') ?? 'vitest,direct').split(',')
const targets = (argument('--targets') ?? 'padded,plain').split(',')
const heapCap = argument('--heap-cap')

/** Printed by the child at exit: its peak RSS (all threads) and the peak heap of its main thread. */
const PROBE = `data:text/javascript,${encodeURIComponent(`
import { getHeapStatistics } from 'node:v8'
let peak = 0
const sample = () => { peak = Math.max(peak, getHeapStatistics().used_heap_size) }
setInterval(sample, 20).unref()
process.on('exit', () => { sample(); process.stderr.write('\\nMEMORY ' + JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, peakHeapBytes: peak }) + '\\n') })
`)}`

function kindOf(path: string): ResponseKind {
  if (path.startsWith('/.well-known/')) return 'metadata'
  if (['/auth/token', '/userinfo', '/oauth/revoke', '/oauth/introspect'].includes(path)) return 'api'
  return 'page'
}

/** A proxy to `upstream` that pads each body to one byte under its kind's limit. */
async function paddingProxy(): Promise<{ url: string; upstream: { url: string }; close: () => Promise<void> }> {
  const upstream = { url: '' }
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', async () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname
      const headers = Object.fromEntries(
        Object.entries(request.headers).flatMap(([name, value]) =>
          value === undefined || name === 'host' || name === 'content-length' ? [] : [[name, String(value)]],
        ),
      )
      const answer = await fetch(`${upstream.url}${request.url}`, {
        method: request.method,
        headers,
        ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
        redirect: 'manual',
      })
      const body = Buffer.from(await answer.arrayBuffer())
      const type = answer.headers.get('content-type') ?? ''
      const room = DEFAULT_LIMITS.maxResponseBytes[kindOf(path)] - 1 - body.length
      const html = type.includes('html') || (answer.status >= 300 && answer.status < 400)
      const padding =
        room <= 0
          ? Buffer.alloc(0)
          : html
            ? Buffer.from(`<!--${'p'.repeat(Math.max(0, room - 7))}-->`)
            : Buffer.alloc(room, 0x20)
      const out: Record<string, string | string[]> = {}
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'set-cookie'].includes(name))
          out[name] = value
      })
      const cookies = answer.headers.getSetCookie()
      if (cookies.length > 0) out['set-cookie'] = cookies
      out['x-padding'] = 'h'.repeat(12 * 1024)
      response.writeHead(answer.status, out)
      response.end(Buffer.concat([body, padding]))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upstream,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

async function measure(label: string, targetFile: unknown, engine: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-runner-memory-'))
  const file = join(dir, 'target.json')
  writeFileSync(file, JSON.stringify(targetFile))
  const out = join(dir, 'out')
  const args = [
    ...(heapCap ? [`--max-old-space-size=${heapCap}`] : []),
    '--import',
    PROBE,
    CLI,
    'run',
    '--engine',
    engine,
    '--target',
    file,
    '--out',
    out,
  ]
  let stderr = ''
  const started = performance.now()
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000)
    })
    child.on('exit', resolve)
  })
  const seconds = (performance.now() - started) / 1000
  const memory = /MEMORY (\{.*\})/.exec(stderr)?.[1]
  if (!memory) console.log(stderr.slice(-3000))
  const { maxRssKiB, peakHeapBytes } = memory
    ? JSON.parse(memory)
    : { maxRssKiB: Number.NaN, peakHeapBytes: Number.NaN }
  const json = join(out, 'report.json')
  const report = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : undefined
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  console.log(
    `${label} · ${engine}${heapCap ? ` · heap cap ${heapCap} MiB` : ''}: exit ${code}, ${seconds.toFixed(1)} s, ` +
      `peak RSS ${mib(maxRssKiB * 1024)}, peak main-thread heap ${mib(peakHeapBytes)}, ` +
      (report
        ? `report.json ${mib(statSync(json).size)} (${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.error} error)`
        : 'no report.json'),
  )
}

if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`)
const proxy = await paddingProxy()
// Codes live 10 minutes: a run slowed down by a heap cap is measured, not judged on expired codes.
const config = { log: { level: 'silent' as const }, tokens: { codeTtl: 600 } }
const padded = await createMockIdp({ ...config, issuer: proxy.url })
proxy.upstream.url = padded.url
const plain = await createMockIdp(config)
try {
  for (const engine of engines) {
    if (targets.includes('padded')) await measure('every answer padded to the limit', padded.targetFile(), engine)
    if (targets.includes('plain')) await measure('the mock as it is', plain.targetFile(), engine)
  }
} finally {
  await padded.close()
  await plain.close()
  await proxy.close()
}
