/**
 * The waits of `delayMs` overrides of one issuer, so a server that is shutting down can end them:
 * a request held for 20 s must not hold the process for 20 s after SIGTERM. A wait ended early
 * lets its request go on and answer at once. Each Provider has its own (provider.ts).
 */
export class PendingDelays {
  /** Waits under way, each with the function that ends it. */
  readonly #waits = new Set<() => void>()
  /** Set once the server shuts down: later waits end at once. */
  #cancelled = false

  /** Waits `ms` milliseconds, unless the server starts shutting down first. */
  wait(ms: number): Promise<void> {
    if (this.#cancelled) return Promise.resolve()
    return new Promise((resolve) => {
      const end = () => {
        clearTimeout(timer)
        this.#waits.delete(end)
        resolve()
      }
      const timer = setTimeout(end, ms)
      this.#waits.add(end)
    })
  }

  /** Ends every wait under way now, and every later one at once; returns how many it ended. */
  cancel(): number {
    this.#cancelled = true
    const ended = this.#waits.size
    for (const end of [...this.#waits]) end()
    return ended
  }
}
