/**
 * The parent side of a server child process: spawn it (with tsx, an IPC channel and its own
 * stderr captured), time spawn → ready → first discovery answer, ask it for CPU time and memory,
 * and stop it — also when the bench fails or is interrupted.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { Pool } from 'undici'
import { type ChildMessage, isChildMessage, type ParentMessage, type StartTimings, type Usage } from './ipc.js'
import type { ServerName } from './profiles.js'

const entries: Record<ServerName, string> = {
  codeflow: fileURLToPath(new URL('./codeflow-server.ts', import.meta.url)),
  'oidc-provider': fileURLToPath(new URL('./oidc-provider-server.ts', import.meta.url)),
  floor: fileURLToPath(new URL('./floor-server.ts', import.meta.url)),
}

const startTimeoutMs = 30_000
const live = new Set<ServerProcess>()

export interface StartUp {
  /** Parent-side: spawn → the child's ready message. */
  spawnToReadyMs: number
  /** Parent-side: spawn → first 200 from discovery. */
  spawnToFirstAnswerMs: number
  /** Child-side figures. */
  inProcess: StartTimings
}

export class ServerProcess {
  readonly name: ServerName
  readonly url: string
  readonly issuer: string
  readonly variant: string
  readonly startUp: StartUp
  /** Everything the child wrote to stderr (warnings such as oidc-provider's runtime notice). */
  readonly stderr: string[]
  readonly #child: ChildProcess
  #nextId = 1

  private constructor(
    name: ServerName,
    child: ChildProcess,
    ready: Extract<ChildMessage, { type: 'ready' }>,
    startUp: StartUp,
    stderr: string[],
  ) {
    this.name = name
    this.#child = child
    this.url = ready.url
    this.issuer = ready.issuer
    this.variant = ready.variant
    this.startUp = startUp
    this.stderr = stderr
  }

  static async start(name: ServerName, env: Record<string, string> = {}): Promise<ServerProcess> {
    const stderr: string[] = []
    const spawnedAt = performance.now()
    // BENCH_SERVER_NODE_ARGS: extra flags for the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
    const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entries[name]], {
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production', ...env },
    })
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => stderr.push(...chunk.split('\n').filter(Boolean)))
    const kill = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    try {
      const ready = await waitForReady(name, child, stderr)
      const readyAt = performance.now()
      await firstAnswer(ready.url)
      const answeredAt = performance.now()
      const server = new ServerProcess(
        name,
        child,
        ready,
        { spawnToReadyMs: readyAt - spawnedAt, spawnToFirstAnswerMs: answeredAt - spawnedAt, inProcess: ready.timings },
        stderr,
      )
      live.add(server)
      return server
    } catch (error) {
      kill()
      throw error
    }
  }

  /** The child's own CPU time and memory right now. */
  usage(): Promise<Usage> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#child.off('message', onMessage)
        reject(new Error(`${this.name} did not report its usage within 10 s`))
      }, 10_000)
      const onMessage = (message: unknown) => {
        if (!isChildMessage(message) || message.type !== 'usage' || message.id !== id) return
        clearTimeout(timer)
        this.#child.off('message', onMessage)
        resolve(message.usage)
      }
      this.#child.on('message', onMessage)
      this.#send({ type: 'usage', id })
    })
  }

  /** Asks the child to close its server and exit; kills it if it has not within 3 s. */
  async stop(): Promise<void> {
    live.delete(this)
    const child = this.#child
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    this.#send({ type: 'stop' })
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
    await exited
    clearTimeout(timer)
  }

  /** Synchronous last resort (process exit, signals). */
  kill(): void {
    live.delete(this)
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGKILL')
  }

  #send(message: ParentMessage): void {
    if (this.#child.connected) this.#child.send(message)
  }
}

/** Kills every server child still running (used on errors, SIGINT and exit). */
export function killAllServers(): void {
  for (const server of [...live]) server.kill()
}

function waitForReady(
  name: ServerName,
  child: ChildProcess,
  stderr: string[],
): Promise<Extract<ChildMessage, { type: 'ready' }>> {
  return new Promise((resolve, reject) => {
    const fail = (reason: string) => {
      cleanup()
      reject(new Error(`${name} server did not start: ${reason}${stderr.length ? `\n${stderr.join('\n')}` : ''}`))
    }
    const onMessage = (message: unknown) => {
      if (!isChildMessage(message)) return
      if (message.type === 'ready') {
        cleanup()
        resolve(message)
      } else if (message.type === 'failed') fail(message.message)
    }
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? code})`)
    const onError = (error: Error) => fail(error.message)
    const timer = setTimeout(() => fail(`no ready message within ${startTimeoutMs / 1000} s`), startTimeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      child.off('error', onError)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
    child.on('error', onError)
  })
}

/** GETs discovery on a fresh connection until it answers 200 (it should the first time). */
async function firstAnswer(baseUrl: string): Promise<void> {
  const pool = new Pool(baseUrl, { connections: 1 })
  try {
    const deadline = performance.now() + 10_000
    for (;;) {
      try {
        const response = await pool.request({ method: 'GET', path: '/.well-known/openid-configuration' })
        await response.body.dump()
        if (response.statusCode === 200) return
        if (performance.now() > deadline) throw new Error(`discovery answered HTTP ${response.statusCode}`)
      } catch (error) {
        if (performance.now() > deadline) throw error
      }
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  } finally {
    await pool.close()
  }
}
