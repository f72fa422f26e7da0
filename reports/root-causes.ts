/**
 * Groups the checks in `error` by what kept them from being judged, so a report says "the sign-in
 * failed: 124 checks blocked" once instead of 124 times. The engine names a RootCause for each
 * error; a check it did not explain (an older engine, an older report, a check that threw) gets a
 * cause of its own message, shared by every check with the same message.
 */
import type { ReportCheck, ReportRootCause } from './schema.js'

/** What the engine (or an older report) says about a cause; `blocked` is recomputed from the checks. */
export type GivenRootCause = Omit<ReportRootCause, 'blocked'> & { blocked?: string[] }

const DRIVE_PREFIX = 'could not drive the target: '

/**
 * Sets `rootCause` on every check in `error` and returns each cause once, with the checks it
 * blocked, most blocking first. Causes that blocked no check of this report are left out.
 */
export function rootCausesOf(
  checks: ReportCheck[],
  given: readonly GivenRootCause[],
): { checks: ReportCheck[]; rootCauses: ReportRootCause[] } {
  const known = new Map(given.map((cause) => [cause.id, cause]))
  const claimed = new Map<string, string>()
  for (const cause of given) for (const id of cause.blocked ?? []) if (!claimed.has(id)) claimed.set(id, cause.id)

  const groups = new Map<string, { cause?: GivenRootCause; checks: ReportCheck[] }>()
  const byMessage = new Map<string, string>()
  for (const check of checks) {
    if (check.outcome !== 'error') continue
    let id = check.rootCause ?? claimed.get(check.id)
    if (id === undefined) {
      const message = check.message ?? 'the check could not be judged'
      id = byMessage.get(message) ?? `error-${byMessage.size + 1}`
      byMessage.set(message, id)
    }
    const group = groups.get(id) ?? { ...(known.has(id) ? { cause: known.get(id)! } : {}), checks: [] }
    group.checks.push(check)
    groups.set(id, group)
  }

  const rootCauses = [...groups].map(([id, group]) => ({
    ...(group.cause ?? causeFromMessage(id, group.checks[0]!)),
    blocked: group.checks.map((check) => check.id).sort(),
  }))
  rootCauses.sort((a, b) => b.blocked.length - a.blocked.length || a.id.localeCompare(b.id))
  const causeOf = new Map(rootCauses.flatMap((cause) => cause.blocked.map((checkId) => [checkId, cause.id] as const)))
  return {
    checks: checks.map((check) => (causeOf.has(check.id) ? { ...check, rootCause: causeOf.get(check.id)! } : check)),
    rootCauses,
  }
}

/** A cause known only by a check's message: "could not drive the target: X" is the step and X. */
function causeFromMessage(id: string, check: ReportCheck): Omit<ReportRootCause, 'blocked'> {
  const message = check.message ?? 'the check could not be judged'
  const driving = message.startsWith(DRIVE_PREFIX)
  return {
    id,
    step: driving ? 'drive the target' : 'run the check',
    message: driving ? message.slice(DRIVE_PREFIX.length) : message,
    attempts: 1,
    exchanges: check.evidence.exchanges,
  }
}
