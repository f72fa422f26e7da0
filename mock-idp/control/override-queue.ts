/**
 * The overrides a test has queued with `use()`, newest first (as msw's `use` prepends handlers).
 * For each request the first matching override of each kind applies and is used up (unless
 * persistent), so `use({ endpoint: 'token', error: 'temporarily_unavailable' })` fails exactly
 * the next token request and no other.
 */
import type { EndpointName } from '../endpoints/endpoint-name.js'
import type { Override } from './override.js'
import { OverrideError } from './override-error.js'

/** More than any test queues; a bound so that a loop of `use()` (or of control API calls) cannot grow memory. */
export const MAX_QUEUED_OVERRIDES = 1000

/** One queued override and what is left of it. */
export interface QueuedOverride {
  override: Override
  remaining: number
  persistent: boolean
  /** Matching requests seen so far (for `every`). */
  seen: number
}
type Entry = QueuedOverride

/** What applies to one request, by kind. */
export interface AppliedOverrides {
  login?: string
  claims?: Record<string, unknown>
  tokenResponse?: { set?: Record<string, unknown>; omit?: string[] }
  behaviours: string[]
  error?: { error: string; description?: string; status?: number }
  respond?: { status: number; body?: unknown; headers?: Record<string, string> }
  delayMs?: number
  drop?: boolean
}

type Kind = 'login' | 'claims' | 'tokenResponse' | 'behaviour' | 'error' | 'respond' | 'delayMs' | 'drop'

function kindOf(override: Override): Kind {
  for (const kind of [
    'login',
    'claims',
    'tokenResponse',
    'behaviour',
    'error',
    'respond',
    'delayMs',
    'drop',
  ] as const) {
    if (kind in override) return kind
  }
  throw new Error(`override of no known kind: ${JSON.stringify(override)}`)
}

export class OverrideQueue {
  #entries: Entry[] = []

  /** A queue holding `entries` (as `entries()` gave them): for a queue shared by several instances. */
  static of(entries: QueuedOverride[]): OverrideQueue {
    const queue = new OverrideQueue()
    queue.#entries = entries
    return queue
  }

  /** The queue as data, newest first. */
  entries(): QueuedOverride[] {
    return this.#entries
  }

  get size(): number {
    return this.#entries.length
  }

  use(override: Override): void {
    if (this.#entries.length >= MAX_QUEUED_OVERRIDES) {
      throw new OverrideError(
        `at most ${MAX_QUEUED_OVERRIDES} overrides can be queued at once; reset() clears them (persistent ones stay until then)`,
      )
    }
    this.#entries.unshift({
      override,
      remaining: override.times ?? 1,
      persistent: override.persistent === true,
      seen: 0,
    })
  }

  clear(): void {
    this.#entries = []
  }

  /** The overrides queued now, newest first (for the control API's listing). */
  list(): Array<Override & { remaining: number | 'persistent' }> {
    return this.#entries.map((entry) => ({
      ...entry.override,
      remaining: entry.persistent ? 'persistent' : entry.remaining,
    }))
  }

  /** Takes what applies to a request at `endpoint`, using each matched override up once. */
  take(endpoint: EndpointName): AppliedOverrides {
    const applied: AppliedOverrides = { behaviours: [] }
    if (this.#entries.length === 0) return applied
    const seen = new Set<Kind>()
    for (const entry of this.#entries) {
      const target = endpointOf(entry.override)
      if (target !== undefined && target !== endpoint) continue
      const kind = kindOf(entry.override)
      if (seen.has(kind)) continue
      // `every: n` lets n - 1 matching requests through between two it applies to.
      entry.seen++
      if (entry.seen % (entry.override.every ?? 1) !== 0) continue
      seen.add(kind)
      apply(applied, entry.override)
      if (!entry.persistent) entry.remaining--
    }
    this.#entries = this.#entries.filter((entry) => entry.persistent || entry.remaining > 0)
    return applied
  }
}

function apply(applied: AppliedOverrides, override: Override): void {
  if ('login' in override) applied.login = override.login
  else if ('claims' in override) applied.claims = override.claims
  else if ('tokenResponse' in override) applied.tokenResponse = override.tokenResponse
  else if ('behaviour' in override) applied.behaviours.push(...override.behaviour)
  else if ('error' in override) {
    applied.error = {
      error: override.error,
      ...(override.description === undefined ? {} : { description: override.description }),
      ...(override.status === undefined ? {} : { status: override.status }),
    }
  } else if ('respond' in override) applied.respond = override.respond
  else if ('delayMs' in override) applied.delayMs = override.delayMs
  else if ('drop' in override) applied.drop = true
}

/** The endpoint an override applies at when it names none. */
export function endpointOf(override: Override): EndpointName | undefined {
  if ('endpoint' in override && override.endpoint !== undefined) return override.endpoint
  // A behaviour without an endpoint is for the next sign-in: it is taken by the authorization
  // request and travels with that flow (its pages, its response, the redemption of its code).
  if ('login' in override || 'behaviour' in override) return 'authorization'
  if ('claims' in override || 'tokenResponse' in override) return 'token'
  return undefined
}
