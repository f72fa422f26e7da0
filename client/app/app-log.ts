/**
 * The started app's stdout and stderr, kept as evidence and for `outcome.refusal.log`: bounded
 * (the oldest lines go first), secrets scrubbed as lines arrive, and readable from a mark so that
 * a sign-in sees only the lines written while it ran.
 */
import { REDACTED, redactText, scrubSecrets } from '../../core/redact.js'

/** A compact JWS or JWE (an ID token, a JWT access token) written to a log line. */
const JWT = /\beyJ[\w-]+\.[\w-]+\.[\w-]*(?:\.[\w-]+\.[\w-]+)?/g

export const MAX_LOG_LINES = 2000
/** How long the log must stay silent before the lines of a sign-in are taken as complete. */
export const LOG_QUIET_MS = 150
/** The longest wait for that silence: an app that never stops writing does not hold the run up. */
export const LOG_SETTLE_MAX_MS = 2000
const MAX_LINE_CHARS = 2000

export class AppLog {
  readonly #lines: string[] = []
  #dropped = 0
  #partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' }
  readonly #onWrite = new Set<() => void>()

  constructor(private readonly secrets: () => string[]) {}

  write(stream: 'stdout' | 'stderr', chunk: string): void {
    const text = this.#partial[stream] + chunk
    const parts = text.split(/\r?\n/)
    this.#partial[stream] = parts.pop()!.slice(0, MAX_LINE_CHARS)
    for (const line of parts) this.#push(line)
    for (const listener of this.#onWrite) listener()
  }

  /**
   * Resolves once nothing has been written for `quietMs` (at most `maxMs` after the call). An app
   * may write the reason of a refusal after its answer has left (a log copied by a poller, a
   * buffered stream): waiting keeps those lines with the sign-in they belong to, not the next one.
   */
  settled(quietMs = LOG_QUIET_MS, maxMs = LOG_SETTLE_MAX_MS): Promise<void> {
    return new Promise((resolve) => {
      let quiet: NodeJS.Timeout
      const done = () => {
        clearTimeout(quiet)
        clearTimeout(limit)
        this.#onWrite.delete(restart)
        resolve()
      }
      const restart = () => {
        clearTimeout(quiet)
        quiet = setTimeout(done, quietMs)
      }
      const limit = setTimeout(done, maxMs)
      this.#onWrite.add(restart)
      restart()
    })
  }

  /** Flushes an unterminated last line (when the process exits). */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.#partial[stream] !== '') this.#push(this.#partial[stream])
      this.#partial[stream] = ''
    }
  }

  /** A position to read from later. */
  mark(): number {
    return this.#dropped + this.#lines.length
  }

  /** The lines written since `mark` (those still kept). */
  since(mark: number): string[] {
    return this.#lines.slice(Math.max(0, mark - this.#dropped))
  }

  tail(count = 40): string[] {
    return this.#lines.slice(-count)
  }

  #push(line: string): void {
    const redacted = redactText(line.slice(0, MAX_LINE_CHARS)).replace(JWT, REDACTED)
    this.#lines.push(scrubSecrets(redacted, this.secrets()))
    if (this.#lines.length > MAX_LOG_LINES) {
      this.#lines.shift()
      this.#dropped++
    }
  }
}
