/**
 * The one way to run the conformance suite: `codeflow run`, the self-check and the
 * `*.mock.test.ts` files all call runConformance. It runs the selected checks against every
 * target on the chosen engine and gives back one SuiteRun per target and why the run itself
 * failed, if it did; writing reports and choosing an exit code are the caller's.
 *
 *   direct  engines/direct.ts   runSuite in this process; no vitest needed
 *   vitest  engines/vitest.ts   one vitest project per target; vitest's filters and sharding
 *
 * The vitest engine is loaded only when chosen: vitest is an optional peer dependency.
 */
import { rethrowMissingPeer } from '../../core/optional-peer.js'
import type { TargetFile } from '../harness/target.js'
import type { CollectedRuns, ConformanceRunOptions } from './conformance-run.js'
import { runDirect } from './engines/direct.js'
import { VITEST_ENGINE_RANGE } from './engines/vitest-range.js'

export type {
  ConformanceRunOptions,
  ConformanceTarget,
  DirectRunOptions,
  Progress,
  VitestRunOptions,
} from './conformance-run.js'

export interface ConformanceRunResult extends CollectedRuns {
  /** The target files, in the order of `runs`. */
  targets: TargetFile[]
}

export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const collected =
    options.engine === 'vitest'
      ? await (
          await import('./engines/vitest.js').catch(
            rethrowMissingPeer('vitest', 'the vitest engine', VITEST_ENGINE_RANGE),
          )
        ).runOnVitest(options)
      : await runDirect(options)
  return { ...collected, targets: options.targets.map(({ target }) => target) }
}
