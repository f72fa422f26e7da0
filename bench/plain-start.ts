/**
 * Cold start of the built Codeflow mock under plain `node` (no tsx loader), the way
 * `npm start` runs it: spawn → listening → first discovery answer, and idle RSS. Only possible
 * when dist/ exists (`npm run build`).
 */
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { Pool } from 'undici'
import { builtServer } from './codeflow-build.js'

export interface PlainStart {
  spawnToFirstAnswerMs: number
  processToListeningMs: number
  idleRssMiB: number
}

const built = pathToFileURL(builtServer)

/** A tiny ESM program: serve, print one JSON line, then report RSS on each stdin line until stdin closes. */
const program = `
const { serveMockIdp } = await import(${JSON.stringify(built.href)})
const running = await serveMockIdp({ port: 0, host: '127.0.0.1', log: { level: 'silent' } })
process.stdout.write(JSON.stringify({ url: running.url, listeningMs: performance.now() }) + '\\n')
process.stdin.setEncoding('utf8')
process.stdin.on('data', () => process.stdout.write(JSON.stringify({ rss: process.memoryUsage().rss }) + '\\n'))
process.stdin.on('end', () => running.close().then(() => process.exit(0)))
`

export async function plainStart(): Promise<PlainStart> {
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  try {
    const lines = readLines(child.stdout)
    const ready = JSON.parse(await lines.next()) as { url: string; listeningMs: number }
    const pool = new Pool(ready.url, { connections: 1 })
    const response = await pool.request({ method: 'GET', path: '/.well-known/openid-configuration' })
    await response.body.dump()
    const answeredAt = performance.now()
    await pool.close()
    if (response.statusCode !== 200) throw new Error(`discovery answered HTTP ${response.statusCode}`)
    child.stdin.write('rss\n')
    const { rss } = JSON.parse(await lines.next()) as { rss: number }
    child.stdin.end()
    return {
      spawnToFirstAnswerMs: answeredAt - spawnedAt,
      processToListeningMs: ready.listeningMs,
      idleRssMiB: rss / 2 ** 20,
    }
  } finally {
    clearTimeout(timer)
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end()
      const exited = new Promise((resolve) => child.once('exit', resolve))
      const killer = setTimeout(() => child.kill('SIGKILL'), 2_000)
      await exited
      clearTimeout(killer)
    }
  }
}

function readLines(stream: NodeJS.ReadableStream): { next(): Promise<string> } {
  let buffer = ''
  const waiting: Array<(line: string) => void> = []
  const ready: string[] = []
  let ended = false
  const failWaiting = () => {
    for (const resolve of waiting.splice(0)) resolve('')
  }
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    buffer += chunk
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end)
      buffer = buffer.slice(end + 1)
      const resolve = waiting.shift()
      if (resolve) resolve(line)
      else ready.push(line)
    }
  })
  stream.on('end', () => {
    ended = true
    failWaiting()
  })
  return {
    next: () =>
      new Promise<string>((resolve, reject) => {
        const line = ready.shift()
        if (line !== undefined) return resolve(line)
        if (ended) return reject(new Error('the server process ended before answering'))
        waiting.push((value) => (value ? resolve(value) : reject(new Error('the server process ended early'))))
      }),
  }
}
