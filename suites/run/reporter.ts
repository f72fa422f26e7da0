/**
 * The vitest reporter of a conformance run: it collects each check's CheckResult (from
 * `task.meta.codeflow`) into one SuiteRun per target (one vitest project per target), reports
 * progress, and keeps what makes a run fail as a whole (run errors, files that did not load).
 * Each area file ran its own engine run: their root causes are merged (one per id, the union of
 * the checks they blocked) and the robustness finding is kept once per target.
 * It prints nothing itself: the CLI and report writer decide what to show.
 */
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node'
import type { CheckResult, RobustnessFinding, RootCause, SuiteRun } from '../../reports/run-result.js'
import { mergeRootCauses } from '../harness/root-causes.js'
import type { TargetFile } from '../harness/target.js'
import type { CollectedRuns, Progress } from './conformance-run.js'
import './provided.js'

export interface ConformanceReporterOptions {
  /** The targets by vitest project name. */
  targets: Map<string, Pick<TargetFile, 'name' | 'issuer'>>
  onProgress?: (progress: Progress) => void
}

export class ConformanceReporter implements Reporter {
  readonly #options: ConformanceReporterOptions
  readonly #results = new Map<string, CheckResult[]>()
  readonly #runErrors = new Set<string>()
  readonly #rootCauses = new Map<string, RootCause[][]>()
  readonly #robustness = new Map<string, RobustnessFinding[]>()
  #startedAt = new Date().toISOString()
  #finishedAt = this.#startedAt
  #total = 0
  #done = 0

  constructor(options: ConformanceReporterOptions) {
    this.#options = options
    for (const name of options.targets.keys()) this.#results.set(name, [])
  }

  onTestRunStart(): void {
    this.#startedAt = new Date().toISOString()
  }

  onTestModuleCollected(module: TestModule): void {
    for (const test of module.children.allTests()) if (test.options.mode === 'run') this.#total++
  }

  onTestCaseResult(test: TestCase): void {
    const meta = test.meta().codeflow
    const project = test.project.name
    if (meta?.runError) this.#runErrors.add(`${project}: ${meta.runError}`)
    if (meta?.result) {
      this.#results.get(project)?.push(meta.result)
    } else if (!meta?.runError && test.result().state === 'failed') {
      const error = test.result().errors?.[0]
      this.#runErrors.add(`${project}: ${test.name}: ${error?.message ?? 'failed without a result'}`)
    }
    this.#done++
    this.#options.onProgress?.({
      target: project,
      area: meta?.result?.area ?? (test.parent.type === 'suite' ? test.parent.name : ''),
      done: this.#done,
      total: Math.max(this.#total, this.#done),
    })
  }

  onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<{ message?: string }>,
    reason: TestRunEndReason,
  ): void {
    this.#finishedAt = new Date().toISOString()
    for (const module of modules) {
      const project = module.project.name
      for (const suite of module.children.allSuites()) {
        const area = suite.meta().codeflowArea
        if (!area) continue
        this.#rootCauses.set(project, [...(this.#rootCauses.get(project) ?? []), area.rootCauses])
        this.#robustness.set(project, [...(this.#robustness.get(project) ?? []), ...area.robustness])
      }
      const where = `${project}: ${module.relativeModuleId}`
      for (const error of module.errors()) this.#runErrors.add(`${where}: ${error.message}`)
      // A failing hook (beforeAll) fails its suite, not its tests.
      for (const suite of module.children.allSuites()) {
        for (const error of suite.errors()) this.#runErrors.add(`${where}: ${error.message}`)
      }
    }
    for (const error of unhandledErrors) this.#runErrors.add(`unhandled error: ${error.message ?? String(error)}`)
    if (reason === 'interrupted') this.#runErrors.add('the run was interrupted')
  }

  collected(): CollectedRuns {
    const runs: SuiteRun[] = []
    for (const [project, target] of this.#options.targets) {
      const results = [...(this.#results.get(project) ?? [])].sort((a, b) => a.id.localeCompare(b.id))
      runs.push({
        target: { name: target.name, issuer: target.issuer },
        startedAt: this.#startedAt,
        finishedAt: this.#finishedAt,
        results,
        rootCauses: mergeRootCauses(this.#rootCauses.get(project) ?? []),
        // The gate lets one area claim it; should several runs not share a gate, still once.
        robustness: (this.#robustness.get(project) ?? []).slice(0, 1),
      })
    }
    return { runs, runErrors: [...this.#runErrors] }
  }
}
