/**
 * The child-process side of a bench server: start the server, report `ready` over IPC, answer
 * `usage` requests with this process's CPU time and memory, stop on `stop`, on SIGTERM/SIGINT or
 * when the parent goes away (so no server outlives the bench).
 */
import { performance } from 'node:perf_hooks'
import { type ChildMessage, isParentMessage, type StartTimings, type Usage } from './ipc.js'

export interface StartedServer {
  url: string
  issuer: string
  close(): Promise<void>
}

export interface ChildServer<T> {
  /** Shown in the report, e.g. "dist (built JS)" or "sources via tsx". */
  variant: string
  /** Imports the server's code; timed apart from starting it. */
  load(): Promise<T>
  start(loaded: T): Promise<StartedServer>
}

export async function runChild<T>(server: ChildServer<T>, entryStartedAt: number): Promise<void> {
  const send = (message: ChildMessage) => {
    if (process.connected) process.send?.(message)
  }
  if (!process.send) throw new Error('a bench server must be started by the bench, with an IPC channel')

  let running: StartedServer | undefined
  let stopping = false
  const stop = async (code: number) => {
    if (stopping) return
    stopping = true
    const timer = setTimeout(() => process.exit(code), 2000)
    timer.unref()
    await running?.close().catch(() => {})
    process.exit(code)
  }
  process.on('SIGTERM', () => void stop(0))
  process.on('SIGINT', () => void stop(0))
  process.on('disconnect', () => void stop(0))
  process.on('message', (message: unknown) => {
    if (!isParentMessage(message)) return
    if (message.type === 'usage') send({ type: 'usage', id: message.id, usage: usage() })
    if (message.type === 'stop') void stop(0)
  })

  try {
    const loaded = await server.load()
    const importedAt = performance.now()
    running = await server.start(loaded)
    const listeningAt = performance.now()
    const timings: StartTimings = {
      importMs: importedAt - entryStartedAt,
      listenMs: listeningAt - importedAt,
      moduleToListeningMs: listeningAt - entryStartedAt,
      processToListeningMs: listeningAt,
    }
    send({ type: 'ready', url: running.url, issuer: running.issuer, variant: server.variant, timings })
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) })
    await stop(1)
  }
}

function usage(): Usage {
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  return {
    cpuUserMicros: cpu.user,
    cpuSystemMicros: cpu.system,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
  }
}
