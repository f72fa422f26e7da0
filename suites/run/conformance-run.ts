/**
 * What one conformance run takes and gives back, whichever engine runs it (run-conformance.ts):
 * the targets with their unique labels, the selection, the engine and its options, progress, and
 * one SuiteRun per target plus why the run itself failed. A leaf: the engines and the vitest
 * reporter import it, it imports none of them.
 */
import type { SuiteRun } from '../../reports/run-result.js'
import type { TargetFile } from '../harness/target.js'

export interface ConformanceTarget {
  target: TargetFile
  /** Directory of the target file (the module driver resolves its path from there). */
  baseDir: string
}

export interface Progress {
  target: string
  area: string
  done: number
  total: number
}

interface CommonRunOptions {
  targets: ConformanceTarget[]
  /** `--only` selectors (areas, check ids or id prefixes); empty = every check. */
  only?: string[]
  /** `--skip` selectors. */
  skip?: string[]
  /**
   * Login flows at once per engine run (default 4); 1 is serial: one request in flight for the
   * whole run (the targets one after another, one vitest worker, one area file at a time).
   */
  concurrency?: number
  onProgress?: (progress: Progress) => void
}

/** The direct engine: `runSuite` in this process, every target at once (one after another when serial). */
export interface DirectRunOptions extends CommonRunOptions {
  engine: 'direct'
}

/** The vitest engine: one vitest project per target, one test per check, vitest's filters and sharding. */
export interface VitestRunOptions extends CommonRunOptions {
  engine: 'vitest'
  /** vitest workers (default 4). */
  workers?: number
  /** vitest's `--shard i/n`. */
  shard?: string
  /** vitest's `-t`: a regular expression over `<id> [<LEVEL>] <title>`. */
  testNamePattern?: string
  /** vitest's `--tags-filter` expressions (AND-ed), e.g. `MUST && RFC7636`. */
  tagsFilter?: string[]
}

export type ConformanceRunOptions = DirectRunOptions | VitestRunOptions

export interface CollectedRuns {
  /** One SuiteRun per target, in the order of `targets`. */
  runs: SuiteRun[]
  /** Why the run itself failed (exit 2), each "<label>: message" or a message for the whole run; empty when it did not. */
  runErrors: string[]
}

/** One label per target: the target's name, made unique (the vitest project name, the report folder). */
export function projectNames(targets: ReadonlyArray<Pick<ConformanceTarget, 'target'>>): string[] {
  const seen = new Map<string, number>()
  return targets.map(({ target }) => {
    const count = (seen.get(target.name) ?? 0) + 1
    seen.set(target.name, count)
    return count === 1 ? target.name : `${target.name} (${count})`
  })
}
