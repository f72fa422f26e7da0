/**
 * A throwaway `redis-server` for tests of the Redis store: started on a free port without
 * persistence (`--save '' --appendonly no`), ready once it answers PING, stopped on teardown. It
 * can be stopped and started again on the same port, to test what the mock does while Redis is
 * away. A machine without the binary fails the test with what to install: never a skip.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, Socket } from 'node:net'
import { delimiter, join } from 'node:path'

const INSTALL_HINT = 'install redis-server (apt-get install -y redis-server)'

/** How long a started server gets to answer PING, and a stopped one to exit. */
const READY_TIMEOUT_MS = 10_000

export class RedisServer {
  #process: ChildProcess | undefined
  #exited: Promise<void> = Promise.resolve()

  private constructor(
    readonly port: number,
    private readonly binary: string,
  ) {}

  /** `redis://127.0.0.1:{port}/{db}` */
  url(db = 0): string {
    return `redis://127.0.0.1:${this.port}/${db}`
  }

  /** Starts a server on a free port and waits until it answers PING. */
  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), findBinary())
    await server.restart()
    return server
  }

  /** Starts the server (again) on its port, and waits until it answers PING. */
  async restart(): Promise<void> {
    if (this.#process) throw new Error('redis-server is already running')
    const child = spawn(
      this.binary,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2000)
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-2000)
    })
    this.#process = child
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()))
    const exitedEarly = this.#exited.then(() => {
      throw new Error(`redis-server exited at start on port ${this.port}: ${output.trim()}`)
    })
    await Promise.race([waitForPing(this.port), exitedEarly])
  }

  /** Stops the server (SIGTERM, then SIGKILL after a bounded wait) and waits for it to exit. */
  async stop(): Promise<void> {
    const child = this.#process
    if (!child) return
    this.#process = undefined
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), READY_TIMEOUT_MS)
    await this.#exited
    clearTimeout(timer)
  }
}

function findBinary(): string {
  const override = process.env.CODEFLOW_REDIS_SERVER
  if (override) {
    if (!existsSync(override)) throw new Error(`CODEFLOW_REDIS_SERVER=${override} does not exist; ${INSTALL_HINT}`)
    return override
  }
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin']
  for (const dir of dirs) {
    if (dir && existsSync(join(dir, 'redis-server'))) return join(dir, 'redis-server')
  }
  throw new Error(`redis-server was not found on PATH: ${INSTALL_HINT}`)
}

/** A port free right now (the kernel's pick, released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Polls PING (raw RESP, no client library) until it answers PONG, within READY_TIMEOUT_MS. */
async function waitForPing(port: number): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (await ping(port)) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms`)
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket()
    let reply = ''
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.on('data', (chunk) => {
      reply += chunk.toString()
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'))
    })
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
  })
}
