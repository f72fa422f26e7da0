/**
 * Injected time. Every expiry, `iat` and `auth_time` is computed from a Clock so that tests can
 * freeze or advance time and use literal `iat`/`exp` values.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

/** Seconds since the epoch, as JWT NumericDate values are (RFC 7519 §2). */
export function epochSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000)
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock the caller moves by hand: frozen at `start` until `advance` or `set` is called. */
export class ManualClock implements Clock {
  #now: number
  constructor(start: number | Date = Date.now()) {
    this.#now = typeof start === 'number' ? start : start.getTime()
  }
  now(): number {
    return this.#now
  }
  /** Moves time forward by `ms` milliseconds (negative values move it back). */
  advance(ms: number): void {
    this.#now += ms
  }
  set(to: number | Date): void {
    this.#now = typeof to === 'number' ? to : to.getTime()
  }
}

/** A clock that runs with real time, shifted by an offset that tests can move. */
export class OffsetClock implements Clock {
  offsetMs = 0
  constructor(private readonly base: Clock = systemClock) {}
  now(): number {
    return this.base.now() + this.offsetMs
  }
  advance(ms: number): void {
    this.offsetMs += ms
  }
}
