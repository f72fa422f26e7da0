/**
 * What the main process hands each vitest project (one project per target) through vitest's
 * `provide` / `inject`: the parsed target file and the run's selection (plain JSON), and the
 * target's request gate (a SharedArrayBuffer: the worker threads share it, see request-gate.ts).
 */
import type { CheckResult, RobustnessFinding, RootCause } from '../../reports/run-result.js'
import type { TargetFile } from '../harness/target.js'

export interface ProvidedRun {
  target: TargetFile
  /** Directory of the target file (for the module driver's relative path). */
  baseDir: string
  /** `--only` selectors (areas, check ids or id prefixes); empty = every check. */
  only: string[]
  /** `--skip` selectors. */
  skip: string[]
  /** How many login flows may run at once in one area file; 1 = one request in flight for the whole run. */
  concurrency: number
  /** The target's RequestGate buffer, shared by every area file's run. */
  gate: SharedArrayBuffer
}

/** What a check's test leaves in `task.meta` for the reporter. */
export interface CheckMeta {
  result?: CheckResult
  /** The run itself failed (target unreachable, bad login driver): exit 2, not a conformance verdict. */
  runError?: string
  target?: string
}

/** What an area's suite (its `describe`) leaves in its `meta` for the reporter: the run's causes, once. */
export interface AreaMeta {
  rootCauses: RootCause[]
  robustness: RobustnessFinding[]
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
    codeflowArea?: AreaMeta
  }
}
