/**
 * The self-check: the conformance suite run
 * against the mock IdP with no behaviour on — everything must pass — and then with each behaviour
 * on, one at a time — the checks that cite the rule it breaks must notice.
 *
 * One mock serves every run. Each run sends `codeflow-behaviour: <id>` on every request (the
 * target file's `headers`), so the behaviour is in force for exactly that run's requests and the
 * runs can go side by side without seeing each other's deviation.
 */

import type { Behaviour } from '../../mock-idp/behaviours/behaviour.js'
import { BEHAVIOURS } from '../../mock-idp/behaviours/catalog.js'
import { BEHAVIOUR_HEADER } from '../../mock-idp/behaviours/request-behaviours.js'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { CheckResult, Outcome, SuiteRun } from '../../reports/run-result.js'
import { checks } from '../../suites/catalog.js'
import type { AnyCheck } from '../../suites/harness/check.js'
import { parseTargetFile, type TargetFile } from '../../suites/harness/target.js'
import { runConformance } from '../../suites/run/run-conformance.js'

export interface CaughtBy {
  id: string
  outcome: Outcome
  message: string | undefined
}

export interface BehaviourRow {
  behaviour: Pick<Behaviour, 'id' | 'description' | 'violates' | 'level'>
  /** The checks citing at least one token the behaviour violates (what the run executed). */
  cited: string[]
  /** Cited checks that failed, or warned (a SHOULD-level catch). */
  caughtBy: CaughtBy[]
  /** Cited checks that could not be driven (outcome `error`). */
  errors: CaughtBy[]
  /** Whether the behaviour was caught at its level: a failure for MUST, a failure or warning for SHOULD. */
  caught: boolean
}

export interface SelfCheckResult {
  baseline: CheckResult[]
  rows: BehaviourRow[]
  durationMs: number
}

export interface SelfCheckOptions {
  /** Behaviour ids to run (default: all). */
  only?: string[]
  /** Behaviour runs side by side (default 4). */
  concurrency?: number
  onRow?: (row: BehaviourRow, done: number, total: number) => void
}

/** The checks that cite one of `tokens`: the ones a behaviour breaking those rules must trip. */
export function checksCiting(tokens: readonly string[], all: readonly AnyCheck[] = checks): AnyCheck[] {
  return all.filter((check) => check.spec.some((token) => tokens.includes(token)))
}

export async function runSelfCheck(options: SelfCheckOptions = {}): Promise<SelfCheckResult> {
  const started = performance.now()
  const selected = options.only ? BEHAVIOURS.filter((b) => options.only!.includes(b.id)) : BEHAVIOURS
  const unknown = (options.only ?? []).filter((id) => !BEHAVIOURS.some((b) => b.id === id))
  if (unknown.length > 0) throw new Error(`unknown behaviour(s): ${unknown.join(', ')}`)
  const idp = await createMockIdp({ log: { level: 'silent' } })
  try {
    const baseline = (await runAgainst(idp, undefined, {})).results
    const rows: BehaviourRow[] = []
    let next = 0
    const worker = async () => {
      while (next < selected.length) {
        const behaviour = selected[next++]!
        const row = await runBehaviour(idp, behaviour)
        rows.push(row)
        options.onRow?.(row, rows.length, selected.length)
      }
    }
    await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker))
    rows.sort((a, b) => selected.indexOf(byId(a.behaviour.id)) - selected.indexOf(byId(b.behaviour.id)))
    return { baseline, rows, durationMs: performance.now() - started }
  } finally {
    await idp.close()
  }
}

function byId(id: string): Behaviour {
  return BEHAVIOURS.find((behaviour) => behaviour.id === id)!
}

async function runBehaviour(idp: MockIdp, behaviour: Behaviour): Promise<BehaviourRow> {
  const cited = checksCiting(behaviour.violates)
  // No check cites the rule: nothing to run (an empty --only would select every check).
  const results = cited.length === 0 ? [] : (await runAgainst(idp, cited, { [BEHAVIOUR_HEADER]: behaviour.id })).results
  const caughtBy = results.filter((result) => result.outcome === 'failed' || result.outcome === 'warning').map(summary)
  const errors = results.filter((result) => result.outcome === 'error').map(summary)
  const caught = caughtBy.some(
    (c) => c.outcome === 'failed' || (behaviour.level === 'SHOULD' && c.outcome === 'warning'),
  )
  return {
    behaviour: {
      id: behaviour.id,
      description: behaviour.description,
      violates: behaviour.violates,
      level: behaviour.level,
    },
    cited: cited.map((check) => check.id),
    caughtBy,
    errors,
    caught,
  }
}

function summary(result: CheckResult): CaughtBy {
  return { id: result.id, outcome: result.outcome, message: result.message }
}

/** One direct-engine runConformance of `selected` (undefined: every check) against the mock, with these headers. */
async function runAgainst(
  idp: MockIdp,
  selected: AnyCheck[] | undefined,
  headers: Record<string, string>,
): Promise<SuiteRun> {
  const target: TargetFile = parseTargetFile({ ...idp.targetFile(), headers })
  const { runs, runErrors } = await runConformance({
    engine: 'direct',
    targets: [{ target, baseDir: process.cwd() }],
    ...(selected ? { only: selected.map((check) => check.id) } : {}),
  })
  if (runErrors.length > 0) throw new Error(`the self-check run failed: ${runErrors.join('; ')}`)
  return runs[0]!
}
