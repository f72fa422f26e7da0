/**
 * What makes a self-check run fail the build: a check that does not pass against the conformant
 * mock, a behaviour no check notices, and (for a complete run) a MUST check that judges the
 * server but no behaviour proves and no reason excuses.
 */
import { checks, unprovable } from '../../suites/catalog.js'
import type { SelfCheckResult } from './run-self-check.js'

export function selfCheckProblems(result: SelfCheckResult, { complete }: { complete: boolean }): string[] {
  const problems: string[] = []
  for (const check of result.baseline) {
    if (check.outcome !== 'passed' && check.outcome !== 'skipped') {
      problems.push(`${check.id} is ${check.outcome} against the conformant mock: ${check.message ?? ''}`)
    }
  }
  for (const row of result.rows) {
    if (!row.caught) {
      problems.push(
        `behaviour ${row.behaviour.id} (${row.behaviour.level}, violates ${row.behaviour.violates.join(' ')}) was not caught by any of: ${row.cited.join(', ') || 'no check cites it'}`,
      )
    }
  }
  if (complete) {
    const proven = new Set(
      result.rows.flatMap((row) => row.caughtBy.filter((c) => c.outcome === 'failed').map((c) => c.id)),
    )
    for (const check of checks) {
      if (check.level !== 'MUST' || proven.has(check.id) || check.id in unprovable) continue
      problems.push(
        `MUST check ${check.id} is proven by no behaviour and not listed in the unprovable.ts of its area (suites/areas/<area>/)`,
      )
    }
    for (const id of Object.keys(unprovable)) {
      if (proven.has(id))
        problems.push(`${id} is listed as unprovable but a behaviour proves it: remove it from the list`)
    }
  }
  return problems
}
