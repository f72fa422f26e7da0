/**
 * The runner's bounds on what it reads from a target and keeps as evidence (docs/runner-limits.md):
 * no server, however hostile, can make a run read, hold or report more than these. Set in the
 * target file's `limits`; the defaults below fit every real server we know by a wide margin.
 */

/** What a response is, for its size limit: each kind has its own (target file `limits.maxResponseBytes`). */
export type ResponseKind = 'metadata' | 'api' | 'page'

export interface RunnerLimits {
  /** The most of a response body the runner reads, by kind; a larger body is an `error` naming the limit. */
  maxResponseBytes: Record<ResponseKind, number>
  /** The most of each request and response body an exchange keeps as evidence (the rest is cut, with a marker). */
  maxEvidenceBytes: number
}

const KiB = 1024
const MiB = 1024 * KiB

export const DEFAULT_LIMITS: RunnerLimits = {
  maxResponseBytes: { metadata: 1 * MiB, api: 1 * MiB, page: 2 * MiB },
  maxEvidenceBytes: 64 * KiB,
}

/** The bounds a target file may set: a limit is a bound only if it is one itself. */
export const LIMIT_RANGE = {
  maxResponseBytes: { min: 1 * KiB, max: 64 * MiB },
  maxEvidenceBytes: { min: 1 * KiB, max: 1 * MiB },
} as const

/** "1 MiB", "64 KiB", "1536 bytes": the way the docs and messages state a limit. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`
  if (bytes >= 10 * MiB) return `${(bytes / MiB).toFixed(1)} MiB`
  return `${bytes} bytes`
}

/** Where a cut body says so: the marker appended to what is kept (the size, or a lower bound of it). */
export function truncationMarker(totalBytes: number | undefined, atLeast = 0): string {
  return totalBytes === undefined
    ? `…[truncated: more than ${atLeast} bytes]`
    : `…[truncated: ${totalBytes} bytes total]`
}

/**
 * The first `maxBytes` bytes of `text` in UTF-8 (never splitting a character), or `text` itself
 * when it is no longer. Works on a prefix, so a huge string costs no copy of its whole length.
 */
export function utf8Prefix(text: string, maxBytes: number): { text: string; keptBytes: number } | undefined {
  // A UTF-16 code unit is at least one UTF-8 byte: the first maxBytes units hold at least maxBytes bytes.
  if (text.length <= maxBytes / 3 || Buffer.byteLength(text) <= maxBytes) return undefined
  const head = Buffer.from(text.slice(0, maxBytes + 1))
  let end = Math.min(maxBytes, head.length)
  // Back off to the start of a character: continuation bytes are 0b10xxxxxx.
  while (end > 0 && (head[end]! & 0xc0) === 0x80) end--
  return { text: head.subarray(0, end).toString('utf8'), keptBytes: end }
}
