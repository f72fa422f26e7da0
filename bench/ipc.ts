/**
 * The messages between the bench (parent) and a server child process. The child owns the
 * server; the parent asks it for its own CPU time and memory, so the server's cost is measured
 * apart from the load generator's.
 */

/** How a child started: wall-clock figures taken inside the child itself. */
export interface StartTimings {
  /** From the entry module's first line to the server module being imported. */
  importMs: number
  /** From the server module being imported to the server listening with its provider built. */
  listenMs: number
  /** From the entry module's first line to listening (importMs + listenMs). */
  moduleToListeningMs: number
  /** From the process's own start (performance.timeOrigin) to listening: includes Node's and tsx's boot. */
  processToListeningMs: number
}

export interface Usage {
  /** process.cpuUsage() of the child, microseconds. */
  cpuUserMicros: number
  cpuSystemMicros: number
  rssBytes: number
  heapUsedBytes: number
}

export type ChildMessage =
  | { type: 'ready'; url: string; issuer: string; variant: string; timings: StartTimings }
  | { type: 'usage'; id: number; usage: Usage }
  | { type: 'failed'; message: string }

export type ParentMessage = { type: 'usage'; id: number } | { type: 'stop' }

export function isChildMessage(value: unknown): value is ChildMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

export function isParentMessage(value: unknown): value is ParentMessage {
  return isChildMessage(value)
}
