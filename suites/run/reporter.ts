/**
 * The vitest reporter of a conformance run: it collects each check's CheckResult (from
 * `task.meta.codeflow`) into one SuiteRun per target (one vitest project per target), reports
 * progress, and keeps what makes a run fail as a whole (run errors, files that did not load).
 * It prints nothing itself: the CLI and report writer decide what to show.
 */
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node'
import type { CheckResult } from '../harness/outcome.js'
import type { SuiteRun } from '../harness/run-suite.js'
import type { TargetFile } from '../harness/target.js'
import './provided.js'

export interface Progress {
  target: string
  area: string
  done: number
  total: number
}

export interface ConformanceReporterOptions {
  /** The targets by vitest project name. */
  targets: Map<string, Pick<TargetFile, 'name' | 'issuer'>>
  onProgress?: (progress: Progress) => void
}

export interface CollectedRuns {
  runs: SuiteRun[]
  /** Why the run itself failed (exit 2); empty when it did not. */
  runErrors: string[]
}

export class ConformanceReporter implements Reporter {
  readonly #options: ConformanceReporterOptions
  readonly #results = new Map<string, CheckResult[]>()
  readonly #runErrors = new Set<string>()
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
      const where = `${module.project.name}: ${module.relativeModuleId}`
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
        rootCauses: [],
        robustness: [],
      })
    }
    return { runs, runErrors: [...this.#runErrors] }
  }
}
