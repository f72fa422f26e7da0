/**
 * What the main process hands each vitest project (one project per target) through vitest's
 * `provide` / `inject`: the parsed target file and the run's selection. Plain JSON.
 */
import type { CheckResult } from '../harness/outcome.js'
import type { TargetFile } from '../harness/target.js'

export interface ProvidedRun {
  target: TargetFile
  /** Directory of the target file (for the module driver's relative path). */
  baseDir: string
  /** `--only` selectors (areas, check ids or id prefixes); empty = every check. */
  only: string[]
  /** `--skip` selectors. */
  skip: string[]
  /** How many login flows may run at once in one area file. */
  concurrency: number
}

/** What a check's test leaves in `task.meta` for the reporter. */
export interface CheckMeta {
  result?: CheckResult
  /** The run itself failed (target unreachable, bad login driver): exit 2, not a conformance verdict. */
  runError?: string
  target?: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    codeflow: ProvidedRun
  }
}

// vitest re-exports TaskMeta from its runner: the augmentation goes where the interface lives.
declare module '@vitest/runner' {
  interface TaskMeta {
    codeflow?: CheckMeta
  }
}
