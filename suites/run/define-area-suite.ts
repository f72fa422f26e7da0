/**
 * The vitest face of one area: one test per check, named `<id> [<LEVEL>] <title>` and tagged by
 * level, spec family and area. The engine (`runSuite`) does the work once, in `beforeAll`, for
 * exactly the tests vitest is going to run (after `-t`, `--tags-filter`, `--only`, `--skip`);
 * each test then reports its check's outcome:
 *
 *   passed → pass · warning → pass with a warning annotation · skipped → `ctx.skip(reason)`
 *   failed → fail with the message, spec and expected/actual
 *   error  → fail, saying it is NOT a conformance failure (the suite could not drive the target)
 *
 * The CheckResult travels to the main process in `task.meta.codeflow`, the area run's root causes
 * and robustness finding in the suite's `meta.codeflowArea` (suites/run/reporter.ts merges them).
 */
import { beforeAll, describe, inject, type RunnerTestSuite, test } from 'vitest'
import type { CheckResult } from '../../reports/run-result.js'
import { checks, gatherers, selectChecks } from '../catalog.js'
import { AREAS, type Area } from '../harness/check.js'
import { runSuite } from '../harness/run-suite.js'
import type { CheckMeta } from './provided.js'
import { checkTags, testName } from './tags.js'
import './provided.js'

/**
 * Not a bound of ours: every request, login step and retry of the engine is bounded by the target's
 * `timeouts.request` (and the retry policy), so an area ends by itself. A slow but healthy target
 * (a browser driver, --concurrency 1, many logins) may take longer than any fixed figure, and a
 * hook timeout would throw away its results; so vitest's limit is set out of the way.
 */
const AREA_HOOK_TIMEOUT_MS = 6 * 60 * 60 * 1000

export function defineAreaSuite(area: Area): void {
  const provided = inject('codeflow')
  if (!provided) throw new Error('no target: run the conformance suite with `codeflow run` or set CODEFLOW_TARGET')
  const { target } = provided
  const selected = selectChecks(selectChecks(checks, [area]), provided.only, provided.skip)
  const byName = new Map(selected.map((check) => [testName(check), check]))
  const results = new Map<string, CheckResult>()
  let runError: string | undefined

  describe(AREAS[area], () => {
    // biome-ignore lint/correctness/noEmptyPattern: vitest requires the fixtures argument to be destructured.
    beforeAll(async ({}, suite) => {
      // Only the checks vitest will actually run (name pattern, tags, shard already applied).
      const wanted = new Set(
        (suite as RunnerTestSuite).tasks.filter((task) => task.mode === 'run').map((task) => task.name),
      )
      const toRun = selected.filter((check) => wanted.has(testName(check)))
      if (toRun.length === 0) return
      try {
        const run = await runSuite({
          target,
          checks: toRun,
          gatherers,
          baseDir: provided.baseDir,
          concurrency: provided.concurrency,
          gate: provided.gate,
        })
        for (const result of run.results) results.set(result.id, result)
        ;(suite as RunnerTestSuite).meta.codeflowArea = { rootCauses: run.rootCauses, robustness: run.robustness }
      } catch (error) {
        runError = error instanceof Error ? error.message : String(error)
      }
    }, AREA_HOOK_TIMEOUT_MS)

    for (const [name, check] of byName) {
      test(name, { tags: checkTags(check) }, (ctx) => {
        const meta: CheckMeta = { target: target.name }
        ctx.task.meta.codeflow = meta
        if (runError !== undefined) {
          meta.runError = runError
          throw new Error(`the run failed (not a conformance verdict): ${runError}`)
        }
        const result = results.get(check.id)
        if (!result) throw new Error(`internal error: no result for ${check.id}`)
        meta.result = result
        switch (result.outcome) {
          case 'passed':
            if (result.informational && result.message) ctx.annotate(result.message, 'notice')
            return
          case 'warning':
            ctx.annotate(result.message ?? 'warning', 'warning')
            return
          case 'skipped':
            ctx.skip(result.message ?? 'skipped')
            return
          case 'error':
            throw new Error(
              `NOT a conformance failure — ${result.message ?? 'the suite could not drive the target'}${result.rootCause ? ` (root cause ${result.rootCause})` : ''}`,
            )
          case 'failed':
            throw new ConformanceFailure(result)
        }
      })
    }
  })
}

/** A failed MUST, worded for vitest's console: the message, the spec tokens, expected vs actual. */
class ConformanceFailure extends Error {
  constructor(result: CheckResult) {
    const lines = [result.message ?? 'failed', `spec: ${result.spec.join(', ')}`]
    if (result.expected !== undefined) lines.push(`expected: ${JSON.stringify(result.expected)}`)
    if (result.actual !== undefined) lines.push(`actual: ${JSON.stringify(result.actual)}`)
    super(lines.join('\n'))
    this.name = 'ConformanceFailure'
  }
}
