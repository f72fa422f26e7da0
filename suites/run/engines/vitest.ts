/**
 * The vitest engine of runConformance: `startVitest` with the configuration of vitest-config.ts
 * (one project per target, so several targets run in parallel), vitest's own filters
 * (`testNamePattern`, `tagsFilter`) and sharding, and the ConformanceReporter collecting every
 * CheckResult into one SuiteRun per target. Loaded with import() only when chosen: vitest is an
 * optional peer dependency (core/optional-peer.ts).
 */
import { startVitest } from 'vitest/node'
import { checks, selectChecks } from '../../catalog.js'
import { type CollectedRuns, projectNames, type VitestRunOptions } from '../conformance-run.js'
import { ConformanceReporter } from '../reporter.js'
import { areaFileFilters, conformanceConfig } from './vitest-config.js'

export async function runOnVitest(options: VitestRunOptions): Promise<CollectedRuns> {
  const names = projectNames(options.targets)
  const reporter = new ConformanceReporter({
    targets: new Map(options.targets.map(({ target }, index) => [names[index]!, target])),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })
  // Only the area files that hold a selected check.
  const areas = new Set(selectChecks(checks, options.only, options.skip).map((check) => check.area))
  if (areas.size === 0) return reporter.collected()
  const { test, ...vite } = conformanceConfig({ ...options, reporters: [reporter] })
  await keepingExitCode(async () => {
    const vitest = await startVitest(
      'test',
      areaFileFilters(areas),
      {
        ...test,
        config: false,
        run: true,
        watch: false,
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
        ...(options.tagsFilter?.length ? { tagsFilter: options.tagsFilter } : {}),
      },
      vite,
    )
    await vitest.close()
  })
  return reporter.collected()
}

/**
 * vitest's Node API sets `process.exitCode = 1` when a test fails or a run cannot start ("If
 * undefined is returned or tests failed during the run, Vitest sets process.exitCode to 1", vitest
 * docs, Advanced API › startVitest) and has no option to leave it alone. A failed check is a
 * verdict the caller turns into its own exit code (reports/gate.ts), not a crash of this process,
 * so the one place vitest runs puts the code back as it found it.
 */
async function keepingExitCode(run: () => Promise<void>): Promise<void> {
  const exitCode = process.exitCode
  try {
    await run()
  } finally {
    process.exitCode = exitCode
  }
}
