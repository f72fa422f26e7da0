/**
 * `codeflow run --repeat N`: the same selection run N times against the same targets. A check
 * whose verdict differs between runs points at a flaky server or a flaky check; this lists them.
 */
import type { Outcome, SuiteRun } from '../../reports/run-result.js'

export interface ChangedVerdict {
  /** The target's label (the vitest project name: its name, made unique). */
  target: string
  id: string
  /** The check's outcome in each run, in order; null where that run has no result for it (the run failed). */
  outcomes: Array<Outcome | null>
}

/** What `repeat.json` holds. */
export interface RepeatSummary {
  runs: number
  /** Each run's exit code; the command exits with the worst. */
  exitCodes: number[]
  /** The checks whose outcome was not the same in every run that judged them. */
  changed: ChangedVerdict[]
}

/** `repeats[i]` holds run i's SuiteRun per target label. */
export function compareRepeats(
  repeats: ReadonlyArray<ReadonlyArray<{ label: string; run: SuiteRun }>>,
  exitCodes: number[],
): RepeatSummary {
  const outcomes = new Map<string, Map<string, Array<Outcome | null>>>()
  repeats.forEach((runs, index) => {
    for (const { label, run } of runs) {
      const byCheck = outcomes.get(label) ?? new Map<string, Array<Outcome | null>>()
      outcomes.set(label, byCheck)
      for (const result of run.results) {
        const row = byCheck.get(result.id) ?? Array<Outcome | null>(repeats.length).fill(null)
        row[index] = result.outcome
        byCheck.set(result.id, row)
      }
    }
  })
  const changed: ChangedVerdict[] = []
  for (const [target, byCheck] of outcomes) {
    for (const [id, row] of [...byCheck].sort(([a], [b]) => a.localeCompare(b))) {
      if (new Set(row.filter((outcome) => outcome !== null)).size > 1) changed.push({ target, id, outcomes: row })
    }
  }
  return { runs: repeats.length, exitCodes, changed }
}

/** The exit code of the whole: the worst run's (2 the run failed > 1 non-conformant > 0). */
export function worstExitCode(exitCodes: number[]): number {
  return exitCodes.reduce((worst, code) => Math.max(worst, code), 0)
}
