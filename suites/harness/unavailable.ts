/**
 * A scenario that could not run, carried inside evidence so that one unavailable probe skips only
 * the checks that judge it (rather than the whole gatherer's evidence).
 */

/** Where a scenario could not run: the check is skipped with this reason. */
export interface Unavailable {
  unavailable: string
}

export function isUnavailable(value: unknown): value is Unavailable {
  return typeof value === 'object' && value !== null && typeof (value as Unavailable).unavailable === 'string'
}
