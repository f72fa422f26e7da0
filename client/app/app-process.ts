/**
 * Starts the partner's app for a run (`app` of the client target file): argv split without a
 * shell, placeholders filled, its output captured (redacted) as evidence, readiness polled within
 * `timeouts.app`, and stopped (SIGTERM, then SIGKILL) when the run ends or the app is restarted
 * for a fresh issuer. A process the runner started never outlives the run.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import type { ClientTarget } from '../target/client-target.js'
import { fillPlaceholders, type PlaceholderValues } from '../target/placeholders.js'
import { AppLog } from './app-log.js'
import { splitArgv } from './split-argv.js'

export class AppStartError extends Error {
  constructor(
    message: string,
    readonly log: string[],
  ) {
    super(message)
    this.name = 'AppStartError'
  }
}

export interface RunningApp {
  log: AppLog
  /** The argv that ran (secrets are not in it unless the file put them there). */
  argv: string[]
  stop(): Promise<void>
}

const POLL_INTERVAL_MS = 100
const STOP_GRACE_MS = 3000

export interface StartAppOptions {
  app: NonNullable<ClientTarget['app']>
  /** The folder of the client target file: `cwd` and relative paths start there. */
  baseDir: string
  values: PlaceholderValues
  /** Polled when `app.ready` is absent (the origin of `signIn.start`). */
  fallbackReadyUrl: string
  timeoutMs: number
  secrets: () => string[]
  log?: AppLog
}

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { app, values } = options
  const argv = splitArgv(app.command).map((word, index) => fillPlaceholders(word, values, `app.command[${index}]`))
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const [name, value] of Object.entries(app.env)) env[name] = fillPlaceholders(value, values, `app.env.${name}`)
  const readyUrl = app.ready ? fillPlaceholders(app.ready.url, values, 'app.ready.url') : options.fallbackReadyUrl
  const timeoutMs = app.ready?.timeoutMs ?? options.timeoutMs
  const log = options.log ?? new AppLog(options.secrets)
  const cwd = resolve(options.baseDir, app.cwd ?? '.')

  const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => log.write('stdout', chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => log.write('stderr', chunk))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((done) => {
    child.once('error', (error) => done({ code: null, signal: null, error }))
    child.once('exit', (code, signal) => {
      log.end()
      done({ code, signal })
    })
  })
  let exit: Awaited<typeof exited> | undefined
  void exited.then((value) => {
    exit = value
  })
  // The runner never leaves an app behind, even when it is interrupted.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const stop = async () => {
    await stopChild(child, exited)
    process.off('exit', killOnExit)
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (exit) {
      process.off('exit', killOnExit)
      const why = exit.error
        ? `could not be started (${exit.error.message})`
        : `exited (${exit.signal ?? `code ${exit.code}`}) before it was ready`
      throw new AppStartError(`the app "${argv.join(' ')}" ${why}`, log.tail())
    }
    if (await answers(readyUrl)) return { log, argv, stop }
    if (Date.now() >= deadline) {
      await stop()
      throw new AppStartError(
        `the app did not answer at ${readyUrl} within ${timeoutMs} ms (timeouts.app or app.ready.timeoutMs)`,
        log.tail(),
      )
    }
    await Promise.race([new Promise((done) => setTimeout(done, POLL_INTERVAL_MS)), exited])
  }
}

/** Up: any HTTP answer below 500 (a 404 at "/" still means the server listens). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) })
    await response.body?.cancel()
    return response.status < 500
  } catch {
    return false
  }
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}
