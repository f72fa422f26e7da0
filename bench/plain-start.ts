/**
 * Cold start of the built CLI under plain `node` (no tsx loader), the way a user starts the mock
 * (`node dist/src/cli/main.js idp --port <p>`, its start-up summary going to /dev/null), side by
 * side with a bare Node `http` server started the same way (bare-server.mjs): spawn → first 200
 * from discovery, polled identically, the CPU time used by then, and RSS once idle. The servers
 * are started in turn, so background load hits them alike; the figures are medians over the
 * runs. Only possible when dist/ exists (`npm run build`).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { get } from 'node:http'
import { createServer } from 'node:net'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'

export interface ColdStart {
  /** Spawn → the first 200 from `/.well-known/openid-configuration`. */
  spawnToFirstAnswerMs: number
  /**
   * CPU time the process (all its threads) had used by then, from /proc (Linux only): the figure
   * least disturbed by other work on a shared machine, which stretches wall-clock time.
   */
  cpuToFirstAnswerMs?: number
  /** RSS once the first answer is out and the process has been idle for IDLE_MS. */
  idleRssMiB: number
}

export interface PlainStart {
  /** `codeflow idp` from dist/. */
  codeflowIdp: ColdStart
  /** A bare `http` server answering `{}`. */
  bareNode: ColdStart
  /** The same, answering through a web `Response`: the floor of any fetch-style server. */
  bareNodeWebResponse: ColdStart
}

const cli = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url))
const bare = fileURLToPath(new URL('./bare-server.mjs', import.meta.url))
const IDLE_MS = 500

const commands: Record<keyof PlainStart, (port: number) => string[]> = {
  codeflowIdp: (port) => [cli, 'idp', '--port', String(port)],
  bareNode: (port) => [bare, String(port)],
  bareNodeWebResponse: (port) => [bare, String(port), '--web-response'],
}

export async function plainStart(runs: number): Promise<PlainStart> {
  const results: Record<keyof PlainStart, ColdStart[]> = { codeflowIdp: [], bareNode: [], bareNodeWebResponse: [] }
  const order = Object.keys(commands) as Array<keyof PlainStart>
  for (let run = 0; run < runs; run++) {
    // Alternate the order, so that neither always runs right after the other.
    for (const name of run % 2 === 0 ? order : [...order].reverse()) results[name].push(await coldStart(commands[name]))
  }
  const median = (list: ColdStart[]): ColdStart => {
    const cpu = list.flatMap((start) => start.cpuToFirstAnswerMs ?? [])
    return {
      spawnToFirstAnswerMs: middle(list.map((start) => start.spawnToFirstAnswerMs)),
      ...(cpu.length === list.length ? { cpuToFirstAnswerMs: middle(cpu) } : {}),
      idleRssMiB: middle(list.map((start) => start.idleRssMiB)),
    }
  }
  return {
    codeflowIdp: median(results.codeflowIdp),
    bareNode: median(results.bareNode),
    bareNodeWebResponse: median(results.bareNodeWebResponse),
  }
}

async function coldStart(command: (port: number) => string[]): Promise<ColdStart> {
  const port = await freePort()
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, command(port), {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  try {
    await firstAnswer(port, child)
    const spawnToFirstAnswerMs = performance.now() - spawnedAt
    const cpuToFirstAnswerMs = await cpuMs(child.pid!)
    await sleep(IDLE_MS)
    return {
      spawnToFirstAnswerMs,
      ...(cpuToFirstAnswerMs === undefined ? {} : { cpuToFirstAnswerMs }),
      idleRssMiB: (await rssBytes(child.pid!)) / 2 ** 20,
    }
  } finally {
    await stop(child)
  }
}

/**
 * GETs discovery on a fresh connection every 2 ms until it answers 200 (bounded: 10 s). A refused
 * connection costs the poller next to nothing, so it takes little CPU from the starting process.
 */
async function firstAnswer(port: number, child: ChildProcess): Promise<void> {
  const deadline = performance.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${child.spawnargs.join(' ')} exited with ${child.exitCode}`)
    const status = await discoveryStatus(port)
    if (status === 200) return
    if (status !== undefined) throw new Error(`discovery answered HTTP ${status}`)
    if (performance.now() > deadline) throw new Error('no answer from discovery within 10 s')
    await sleep(2)
  }
}

/** The status of one discovery request, or undefined when the connection was refused. */
function discoveryStatus(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = get(
      { host: '127.0.0.1', port, path: '/.well-known/openid-configuration', agent: false },
      (response) => {
        response.resume()
        response.on('end', () => resolve(response.statusCode))
      },
    )
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(undefined) : reject(error),
    )
  })
}

/** CPU time of every thread of a process, from /proc/<pid>/task/<tid>/schedstat (nanoseconds on CPU). */
async function cpuMs(pid: number): Promise<number | undefined> {
  try {
    let nanoseconds = 0
    for (const task of await readdir(`/proc/${pid}/task`)) {
      const schedstat = await readFile(`/proc/${pid}/task/${task}/schedstat`, 'utf8').catch(() => '0')
      nanoseconds += Number(schedstat.split(' ')[0])
    }
    return nanoseconds / 1e6
  } catch {
    return undefined
  }
}

/** Resident set size of another process, from /proc (Linux) or `ps` elsewhere. */
async function rssBytes(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]
    if (kib) return Number(kib) * 1024
  } catch {
    // Not Linux: ask ps.
  }
  const ps = spawn('ps', ['-o', 'rss=', '-p', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  ps.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  await new Promise((resolve) => ps.once('close', resolve))
  return Number(out.trim()) * 1024
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  const killer = setTimeout(() => child.kill('SIGKILL'), 3_000)
  await exited
  clearTimeout(killer)
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const half = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2
}
