/**
 * Runs the conformance suite on vitest: `startVitest` with the inline configuration of
 * suites/vitest.conformance.config.ts (one project per target, so several targets run in
 * parallel), vitest's own filters (`testNamePattern`, `tagsFilter`) and sharding, and the
 * ConformanceReporter collecting every CheckResult into one SuiteRun per target.
 */
import { startVitest } from 'vitest/node'
import { checks, selectChecks } from '../catalog.js'
import type { TargetFile } from '../harness/target.js'
import { AREAS_DIR, type ConformanceTarget, conformanceConfig, projectNames } from '../vitest.conformance.config.js'
import { type CollectedRuns, ConformanceReporter, type Progress } from './reporter.js'

export interface ConformanceRunOptions {
  targets: ConformanceTarget[]
  only?: string[]
  skip?: string[]
  concurrency?: number
  workers?: number
  /** vitest's `--shard i/n`. */
  shard?: string
  /** vitest's `-t`: a regular expression over `<id> [<LEVEL>] <title>`. */
  testNamePattern?: string
  /** vitest's `--tags-filter` expressions (AND-ed), e.g. `MUST && RFC7636`. */
  tagsFilter?: string[]
  onProgress?: (progress: Progress) => void
}

export interface ConformanceRunResult extends CollectedRuns {
  targets: TargetFile[]
}

export async function runConformance(options: ConformanceRunOptions): Promise<ConformanceRunResult> {
  const names = projectNames(options.targets)
  const reporter = new ConformanceReporter({
    targets: new Map(options.targets.map(({ target }, index) => [names[index]!, target])),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })
  const { test, ...vite } = conformanceConfig(options)
  // startVitest sets process.exitCode when a test fails; the CLI owns the exit code.
  const exitCode = process.exitCode
  // Only the area files that hold a selected check (an absolute filter matches as a path prefix).
  const areas = new Set(selectChecks(checks, options.only, options.skip).map((check) => check.area))
  const files = [...areas].map((area) => `${AREAS_DIR}${area}/${area}.conformance.`)
  if (files.length === 0) return { ...reporter.collected(), targets: options.targets.map(({ target }) => target) }
  const vitest = await startVitest(
    'test',
    files,
    {
      ...test,
      config: false,
      run: true,
      watch: false,
      reporters: [reporter],
      ...(options.shard ? { shard: options.shard } : {}),
      ...(options.testNamePattern ? { testNamePattern: options.testNamePattern } : {}),
      ...(options.tagsFilter?.length ? { tagsFilter: options.tagsFilter } : {}),
    },
    vite,
  )
  await vitest.close()
  process.exitCode = exitCode
  return { ...reporter.collected(), targets: options.targets.map(({ target }) => target) }
}
