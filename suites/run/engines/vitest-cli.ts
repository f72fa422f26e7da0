/**
 * The suite under vitest's own CLI (docs/cli.md, "The suite with vitest's own CLI"):
 *
 *   CODEFLOW_TARGET=op.json CODEFLOW_OUT=out npx vitest run -c suites/vitest.conformance.config.ts --tags-filter MUST --shard 1/3
 *
 * The environment becomes the options of the same configuration function the vitest engine uses
 * (vitest-config.ts); vitest's own flags (-t, --tags-filter, --shard) then apply as they do to any
 * project. CODEFLOW_TARGET takes several files separated by the path delimiter; CODEFLOW_ONLY and
 * CODEFLOW_SKIP take comma-separated selectors; CODEFLOW_OUT writes the reports there.
 */
import { delimiter, dirname, resolve } from 'node:path'
import type { ViteUserConfig } from 'vitest/config'
import { loadTargetFile, type TargetFile } from '../../harness/target.js'
import { type ConformanceTarget, projectNames } from '../conformance-run.js'
import { ConformanceReporter } from '../reporter.js'
import { writeRunReports } from '../write-run-reports.js'
import { conformanceConfig } from './vitest-config.js'

export class MissingTargetError extends Error {
  constructor() {
    super('set CODEFLOW_TARGET to a target file (or run `codeflow run`, which starts the mock IdP for you)')
    this.name = 'MissingTargetError'
  }
}

/** The vitest configuration for `vitest -c suites/vitest.conformance.config.ts`, from the CODEFLOW_* variables. */
export function vitestCliConfig(env: NodeJS.ProcessEnv): ViteUserConfig {
  const files = (env.CODEFLOW_TARGET ?? '').split(delimiter).filter(Boolean)
  if (files.length === 0) throw new MissingTargetError()
  const targets: ConformanceTarget[] = files.map((file) => ({
    target: loadTargetFile(file),
    baseDir: dirname(resolve(file)),
  }))
  const names = projectNames(targets)
  const out = env.CODEFLOW_OUT
  return conformanceConfig({
    targets,
    only: list(env.CODEFLOW_ONLY),
    skip: list(env.CODEFLOW_SKIP),
    ...(out
      ? {
          reporters: [
            'default',
            new ReportWritingReporter(new Map(targets.map(({ target }, index) => [names[index]!, target])), out),
          ],
        }
      : {}),
  })
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

/** Collects like the vitest engine's reporter and writes the reports when the run ends (CODEFLOW_OUT). */
export class ReportWritingReporter extends ConformanceReporter {
  constructor(
    private readonly targetsByProject: Map<string, TargetFile>,
    private readonly out: string,
  ) {
    super({ targets: targetsByProject })
  }

  override onTestRunEnd(...args: Parameters<ConformanceReporter['onTestRunEnd']>): void {
    super.onTestRunEnd(...args)
    const targets = [...this.targetsByProject]
    const { runs, runErrors } = this.collected()
    const written = writeRunReports(
      runs.map((run, index) => ({ run, target: targets[index]![1], label: targets[index]![0] })),
      this.out,
      { runErrors },
    )
    for (const { dir } of written) process.stderr.write(`codeflow: reports written to ${dir}\n`)
  }
}
