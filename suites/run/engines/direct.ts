/**
 * The direct engine of runConformance: the engine (`runSuite`) in this process, once per target,
 * the targets side by side, or one after another when the run is serial (`concurrency: 1` means
 * one request in flight for the whole run). No vitest needed.
 */
import type { SuiteRun } from '../../../reports/run-result.js'
import { checks, gatherers, selectChecks } from '../../catalog.js'
import { runSuite } from '../../harness/run-suite.js'
import type { CollectedRuns, ConformanceTarget, DirectRunOptions } from '../conformance-run.js'

export async function runDirect(options: DirectRunOptions): Promise<CollectedRuns> {
  const selected = selectChecks(checks, options.only, options.skip)
  const runErrors: string[] = []
  const runTarget = async ({ target, baseDir }: ConformanceTarget): Promise<SuiteRun> => {
    try {
      return await runSuite({
        target,
        checks: selected,
        gatherers,
        baseDir,
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        onResult: (result, done, total) =>
          options.onProgress?.({ target: target.name, area: result.area, done, total }),
      })
    } catch (error) {
      // The run itself failed (unreachable target, login driver that cannot start): exit 2, with an empty run.
      runErrors.push(`${target.name}: ${error instanceof Error ? error.message : String(error)}`)
      const now = new Date().toISOString()
      return {
        target: { name: target.name, issuer: target.issuer },
        startedAt: now,
        finishedAt: now,
        results: [],
        rootCauses: [],
        robustness: [],
      }
    }
  }
  const runs: SuiteRun[] = []
  if (options.concurrency === 1) for (const target of options.targets) runs.push(await runTarget(target))
  else runs.push(...(await Promise.all(options.targets.map(runTarget))))
  return { runs, runErrors }
}
