/**
 * Instances of `codeflow idp` as separate processes sharing one Redis, all serving one issuer
 * (`http://idp.test`, which resolves nowhere): a test chooses which instance each request reaches,
 * as a load balancer would, through `fetchVia`. Each instance is its own process with its own
 * server and store connection: nothing is shared but Redis.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const ISSUER = 'http://idp.test'
/** Bound on an instance's start (tsx compiles the sources on a loaded 2-core machine). */
const START_TIMEOUT_MS = 30_000

export class IdpInstance {
  #child: ChildProcess | undefined
  #url = ''
  #output = ''

  constructor(
    private readonly storeUrl: string,
    private readonly extraArgs: string[] = [],
  ) {}

  /** Where this instance listens (http://127.0.0.1:port); changes when it is restarted. */
  get url(): string {
    return this.#url
  }

  /** What the process printed on stderr (log lines). */
  get output(): string {
    return this.#output
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'idp',
        '--port',
        '0',
        '--issuer',
        ISSUER,
        '--store',
        this.storeUrl,
        '--control',
        '--log-level',
        'warn',
        ...this.extraArgs,
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    )
    this.#child = child
    child.stderr!.on('data', (chunk: Buffer) => {
      this.#output += chunk.toString()
    })
    const port = await new Promise<string>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(
        () => reject(new Error(`codeflow idp did not start within ${START_TIMEOUT_MS} ms:\n${out}${this.#output}`)),
        START_TIMEOUT_MS,
      )
      const onData = (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on\s+127\.0\.0\.1:(\d+)[\s\S]*ready in/.exec(out)
        if (match) {
          clearTimeout(timer)
          child.stdout!.off('data', onData)
          // Keep draining stdout so the process never blocks on a full pipe.
          child.stdout!.resume()
          resolve(match[1]!)
        }
      }
      child.stdout!.on('data', onData)
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`codeflow idp exited (${code}) at start:\n${out}${this.#output}`))
      })
    })
    this.#url = `http://127.0.0.1:${port}`
  }

  /** Kills the process at once (SIGKILL: nothing is flushed or closed gracefully) and waits for it to exit. */
  async kill(): Promise<void> {
    const child = this.#child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
  }

  /** `fetch` with the issuer's origin replaced by this instance's address. */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    return fetch(url.replace(ISSUER, this.#url), init)
  }

  /** A control API call on this instance. */
  async control(path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.#url}/_codeflow${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    })
  }
}

/** A fetch that sends each request to the next instance in turn: a round-robin balancer. */
export function roundRobin(
  instances: IdpInstance[],
): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  let next = 0
  return (input, init) => {
    const instance = instances[next++ % instances.length]!
    return instance.fetch(input, init)
  }
}
