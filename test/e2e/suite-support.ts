/** Shared by the suite-* end-to-end tests: run the whole catalog and describe offending results. */

import type { CheckResult, Outcome, SuiteRun } from '../../reports/run-result.js'
import { checks, gatherers } from '../../suites/catalog.js'
import { runSuite } from '../../suites/harness/run-suite.js'
import { parseTargetFile } from '../../suites/harness/target.js'

export async function runWholeSuite(targetFile: unknown): Promise<SuiteRun> {
  return runSuite({ target: parseTargetFile(targetFile, {}), checks, gatherers })
}

export function withOutcome(run: SuiteRun, ...outcomes: Outcome[]): CheckResult[] {
  return run.results.filter((result) => outcomes.includes(result.outcome))
}

/** One line per result: outcome, id, level, spec, message — what an assertion should show (not the whole evidence). */
export function describeResults(results: CheckResult[]): string[] {
  return results.map(
    (result) => `${result.outcome} ${result.id} [${result.level}] (${result.spec.join(', ')}): ${result.message ?? ''}`,
  )
}
