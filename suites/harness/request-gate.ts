/**
 * How many of the suite's requests may be in flight at once against one target, and who overlapped
 * whom. The state lives in a SharedArrayBuffer so that every engine run against the same target —
 * the one `runSuite` of the direct engine, or the per-area runs in vitest's worker threads (the
 * buffer travels through `provide`) — shares one limit, one serial switch and one robustness
 * finding.
 *
 * - `acquire` takes one of `limit` slots (1 when serial); `acquireAlone` waits until nothing is in
 *   flight and keeps it so (for requests that must be simultaneous by design, and nothing else).
 * - `begin` counts every request, gated or not, so a response can say how many requests overlapped
 *   it: a server error under overlap is what makes the run fall back to serial.
 * - `hold` makes the run serial while a failed step is retried alone; `goSerial` makes it serial
 *   for good; `claimFinding` is true exactly once per target.
 *
 * Waiting uses Atomics.waitAsync on a signal word bumped by every release (no lost wake-ups: a
 * waiter re-reads the state after each bump), with a timer that keeps the event loop alive.
 */

const LIMIT = 0
const ACTIVE = 1
const ALONE = 2
const ALONE_WAITING = 3
const LIVE = 4
const STARTS = 5
const SIGNAL = 6
const SERIAL = 7
const HOLDS = 8
const FINDING = 9
const WORDS = 10

/** "No limit" for the parallel mode: the flows limit and the target bound the load instead. */
export const UNLIMITED = 2 ** 30

// Node 20 has Atomics.waitAsync; the project's lib (ES2023) does not declare it yet.
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
      timeoutMs: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> }
  }
).waitAsync

/** A safety net only: a release always bumps the signal, so a waiter normally wakes at once. */
const RECHECK_MS = 1000

export interface RequestTicket {
  /** Ends the request; returns how many requests overlapped it, itself included (1 = it was alone). */
  end(): number
}

export class RequestGate {
  readonly buffer: SharedArrayBuffer
  readonly #words: Int32Array

  private constructor(buffer: SharedArrayBuffer) {
    this.buffer = buffer
    this.#words = new Int32Array(buffer)
  }

  /** A new gate; `limit` 1 is the serial mode (`--concurrency 1`). */
  static create(limit: number = UNLIMITED): RequestGate {
    const gate = new RequestGate(new SharedArrayBuffer(WORDS * Int32Array.BYTES_PER_ELEMENT))
    Atomics.store(gate.#words, LIMIT, Math.max(1, Math.min(limit, UNLIMITED)))
    if (limit <= 1) Atomics.store(gate.#words, SERIAL, 1)
    return gate
  }

  /** The gate another thread created (its buffer came through vitest's `provide`). */
  static attach(buffer: SharedArrayBuffer): RequestGate {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < WORDS * Int32Array.BYTES_PER_ELEMENT)
      throw new TypeError('not a request gate buffer')
    return new RequestGate(buffer)
  }

  /** True when one request at a time may be in flight (for good, or while a failed step is retried alone). */
  get serial(): boolean {
    return this.#limit() === 1
  }

  /** True once the run went serial for good (by `--concurrency 1` or after a robustness finding). */
  get serialForGood(): boolean {
    return Atomics.load(this.#words, SERIAL) === 1
  }

  /** Requests in flight now, gated or not. */
  get inFlight(): number {
    return Atomics.load(this.#words, LIVE)
  }

  /** Takes one slot; resolves with the function that frees it (call it exactly once). */
  async acquire(): Promise<() => void> {
    for (;;) {
      const signal = Atomics.load(this.#words, SIGNAL)
      const taken = this.#tryShared()
      if (taken === 'taken') return once(() => this.#release(ACTIVE))
      if (taken === 'contended') continue
      await this.#wait(signal)
    }
  }

  /** Waits until no slot is taken and keeps every slot until released: the holder is alone. */
  async acquireAlone(): Promise<() => void> {
    const words = this.#words
    Atomics.add(words, ALONE_WAITING, 1)
    try {
      for (;;) {
        const signal = Atomics.load(words, SIGNAL)
        if (Atomics.compareExchange(words, ALONE, 0, 1) === 0) break
        await this.#wait(signal)
      }
    } finally {
      Atomics.sub(words, ALONE_WAITING, 1)
    }
    for (;;) {
      const signal = Atomics.load(words, SIGNAL)
      if (Atomics.load(words, ACTIVE) === 0) break
      await this.#wait(signal)
    }
    return once(() => this.#release(ALONE))
  }

  /** Counts a request as in flight from now until `end()`. */
  begin(): RequestTicket {
    const words = this.#words
    const others = Atomics.add(words, LIVE, 1)
    const startsBefore = Atomics.add(words, STARTS, 1) + 1
    return {
      end: once(() => {
        const startedSince = Atomics.load(words, STARTS) - startsBefore
        Atomics.sub(words, LIVE, 1)
        return 1 + others + startedSince
      }),
    }
  }

  /** Serial until the returned function is called (a failed step is being retried alone). */
  hold(): () => void {
    Atomics.add(this.#words, HOLDS, 1)
    this.#bump()
    return once(() => {
      Atomics.sub(this.#words, HOLDS, 1)
      this.#bump()
    })
  }

  /** Serial for the rest of the run. */
  goSerial(): void {
    Atomics.store(this.#words, SERIAL, 1)
    this.#bump()
  }

  /** True for the first caller only: the robustness finding is reported once per target. */
  claimFinding(): boolean {
    return Atomics.compareExchange(this.#words, FINDING, 0, 1) === 0
  }

  #limit(): number {
    const words = this.#words
    if (Atomics.load(words, SERIAL) === 1 || Atomics.load(words, HOLDS) > 0) return 1
    return Atomics.load(words, LIMIT)
  }

  #tryShared(): 'taken' | 'contended' | 'wait' {
    const words = this.#words
    if (Atomics.load(words, ALONE) !== 0 || Atomics.load(words, ALONE_WAITING) !== 0) return 'wait'
    const active = Atomics.load(words, ACTIVE)
    if (active >= this.#limit()) return 'wait'
    if (Atomics.compareExchange(words, ACTIVE, active, active + 1) !== active) return 'contended'
    // Someone went alone between the first look and the increment: give the slot back.
    if (Atomics.load(words, ALONE) !== 0) {
      this.#release(ACTIVE)
      return 'wait'
    }
    return 'taken'
  }

  #release(word: typeof ACTIVE | typeof ALONE): void {
    if (word === ACTIVE) Atomics.sub(this.#words, ACTIVE, 1)
    else Atomics.store(this.#words, ALONE, 0)
    this.#bump()
  }

  #bump(): void {
    Atomics.add(this.#words, SIGNAL, 1)
    Atomics.notify(this.#words, SIGNAL)
  }

  async #wait(signal: number): Promise<void> {
    const waiting = waitAsync(this.#words, SIGNAL, signal, RECHECK_MS)
    if (!waiting.async) return
    // waitAsync alone does not keep Node's event loop alive; this timer does.
    const keepAlive = setTimeout(() => {}, RECHECK_MS + 50)
    try {
      await waiting.value
    } finally {
      clearTimeout(keepAlive)
    }
  }
}

function once<T>(action: () => T): () => T {
  let done = false
  let value: T
  return () => {
    if (!done) {
      done = true
      value = action()
    }
    return value
  }
}
