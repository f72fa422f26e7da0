/**
 * Root causes, not cascades: a failed shared setup is recorded once, as a RootCause, and every
 * check it stopped names it. The same failure met by several steps (every login refused for the
 * same reason) is one cause; per-area engine runs merge theirs by id (suites/run/reporter.ts).
 */
import type { Exchange, RootCause } from '../../reports/run-result.js'

/** The exchanges a RootCause keeps (the last ones, up to the failure). */
export const ROOT_CAUSE_EXCHANGES = 25
/** The exchanges an `error` CheckResult carries (the last ones of the failing step). */
export const ERROR_RESULT_EXCHANGES = 10

/** Thrown to the checks (and to gatherers that needed the failed one): carries the cause's id. */
export class SetupFailed extends Error {
  constructor(
    readonly rootCause: RootCause,
    /** The error the step failed with, for the run's own decisions (an unreachable target stops the run). */
    readonly original: unknown,
  ) {
    super(rootCause.message)
    this.name = 'SetupFailed'
  }
}

export class RootCauses {
  readonly #causes = new Map<string, RootCause>()

  /** The cause with this id, recorded on first sight; later sightings only raise `attempts`. */
  record(cause: Omit<RootCause, 'blocked'>): RootCause {
    const known = this.#causes.get(cause.id)
    if (known) {
      known.attempts = Math.max(known.attempts, cause.attempts)
      return known
    }
    const recorded: RootCause = { ...cause, exchanges: cause.exchanges.slice(-ROOT_CAUSE_EXCHANGES), blocked: [] }
    this.#causes.set(cause.id, recorded)
    return recorded
  }

  block(id: string, checkId: string): void {
    const cause = this.#causes.get(id)
    if (cause && !cause.blocked.includes(checkId)) cause.blocked.push(checkId)
  }

  /** The causes that stopped at least one check, by id, each with its blocked checks sorted. */
  list(): RootCause[] {
    return mergeRootCauses([[...this.#causes.values()]])
  }
}

/** One list from several runs' (per-area vitest runs): one entry per id, the union of what they blocked. */
export function mergeRootCauses(lists: ReadonlyArray<readonly RootCause[]>): RootCause[] {
  const merged = new Map<string, RootCause>()
  for (const list of lists) {
    for (const cause of list) {
      const known = merged.get(cause.id)
      if (!known) {
        merged.set(cause.id, { ...cause, blocked: [...cause.blocked] })
        continue
      }
      known.attempts = Math.max(known.attempts, cause.attempts)
      for (const id of cause.blocked) if (!known.blocked.includes(id)) known.blocked.push(id)
      if (!known.artifacts && cause.artifacts) known.artifacts = cause.artifacts
    }
  }
  return [...merged.values()]
    .filter((cause) => cause.blocked.length > 0)
    .map((cause) => ({ ...cause, blocked: cause.blocked.sort() }))
    .sort((a, b) => a.id.localeCompare(b.id))
}

/**
 * A short stable id for a failure met by several steps: the message without what varies from one
 * attempt to the next (query strings, long random values, numbers of milliseconds).
 */
export function failureKey(message: string): string {
  const normalized = message
    .replace(/\?[^\s"')]*/g, '?…')
    .replace(/[\w-]{16,}/g, '…')
    .replace(/\d+(\.\d+)? ?ms\b/g, '… ms')
  let hash = 0x811c9dc5
  for (let index = 0; index < normalized.length; index++) {
    hash ^= normalized.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

/** The files a DriveError's driver left (`detail.artifacts`: absolute paths of a screenshot, a trace). */
export function artifactsOf(error: unknown): RootCause['artifacts'] | undefined {
  const artifacts = (error as { detail?: { artifacts?: unknown } } | undefined)?.detail?.artifacts
  if (typeof artifacts !== 'object' || artifacts === null) return undefined
  const out: NonNullable<RootCause['artifacts']> = {}
  const { screenshot, trace } = artifacts as { screenshot?: unknown; trace?: unknown }
  if (typeof screenshot === 'string') out.screenshot = screenshot
  if (typeof trace === 'string') out.trace = trace
  return Object.keys(out).length > 0 ? out : undefined
}

/** The exchanges a DriveError carries (`detail.exchanges`), for drivers whose requests the run does not see. */
export function exchangesOf(error: unknown): Exchange[] {
  const exchanges = (error as { detail?: { exchanges?: unknown } } | undefined)?.detail?.exchanges
  return Array.isArray(exchanges) ? (exchanges as Exchange[]) : []
}
