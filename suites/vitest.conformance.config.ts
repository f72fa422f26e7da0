/**
 * The vitest configuration of a conformance run (not part of `npm test`): one vitest project per
 * target, each running the per-area files of suites/areas/ with the target handed over by
 * `provide`. `codeflow run` builds it inline (conformanceConfig); the default export lets vitest's
 * own CLI run the suite too:
 *
 *   CODEFLOW_TARGET=op.json npx vitest run -c suites/vitest.conformance.config.ts --tags-filter MUST --shard 1/3
 *
 * (CODEFLOW_TARGET takes several files separated by the path delimiter; CODEFLOW_ONLY and
 * CODEFLOW_SKIP take comma-separated selectors; CODEFLOW_OUT writes report.json there.)
 */
import { basename, delimiter, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config'
import { RequestGate, UNLIMITED } from './harness/request-gate.js'
import { loadTargetFile, type TargetFile } from './harness/target.js'
import type { ProvidedRun } from './run/provided.js'
import { tagDefinitions } from './run/tags.js'

/** The folder of the check areas; each holds its vitest file, <area>/<area>.conformance.ts (or .js once built). */
export const AREAS_DIR = fileURLToPath(new URL('./areas/', import.meta.url))
/** The package root (two levels up from dist/suites/, one from suites/). */
export const PACKAGE_ROOT = ((above) => (basename(above) === 'dist' ? dirname(above) : above))(
  resolve(AREAS_DIR, '../..'),
)

export interface ConformanceTarget {
  target: TargetFile
  /** Directory of the target file (the module driver resolves its path from there). */
  baseDir: string
}

export interface ConformanceConfigOptions {
  targets: ConformanceTarget[]
  only?: string[]
  skip?: string[]
  /**
   * Login flows at once within one area file (default 4); 1 is serial: one request in flight for
   * the whole run (one worker, one file at a time, whatever `workers` says).
   */
  concurrency?: number
  /** vitest workers (default: min(4, files)). */
  workers?: number
}

/** One project name per target: the target's name, made unique. */
export function projectNames(targets: ConformanceTarget[]): string[] {
  const seen = new Map<string, number>()
  return targets.map(({ target }) => {
    const count = (seen.get(target.name) ?? 0) + 1
    seen.set(target.name, count)
    return count === 1 ? target.name : `${target.name} (${count})`
  })
}

export function conformanceConfig(options: ConformanceConfigOptions): ViteUserConfig {
  const names = projectNames(options.targets)
  const tags = tagDefinitions()
  const serial = options.concurrency === 1
  const projects: TestProjectInlineConfiguration[] = options.targets.map(({ target, baseDir }, index) => {
    const codeflow: ProvidedRun = {
      target,
      baseDir,
      only: options.only ?? [],
      skip: options.skip ?? [],
      concurrency: options.concurrency ?? 4,
      // One gate per target, shared by its area files' runs in every worker thread.
      gate: RequestGate.create(serial ? 1 : UNLIMITED).buffer,
    }
    return {
      extends: true,
      test: { name: names[index]!, dir: AREAS_DIR, include: ['*/*.conformance.{ts,js}'], provide: { codeflow } },
    }
  })
  return {
    root: PACKAGE_ROOT,
    test: {
      projects,
      tags,
      environment: 'node',
      // Threads, not forks: the request gate is shared memory (request-gate.ts).
      pool: 'threads',
      // The area files share one module graph per worker: the catalog is imported once, not once per area.
      isolate: false,
      maxWorkers: serial ? 1 : (options.workers ?? 4),
      fileParallelism: !serial,
      hookTimeout: 300_000,
      testTimeout: 10_000,
      passWithNoTests: true,
      watch: false,
    },
  }
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

/** For vitest's own CLI: targets from CODEFLOW_TARGET. */
export default async (): Promise<ViteUserConfig> => {
  const files = (process.env.CODEFLOW_TARGET ?? '').split(delimiter).filter(Boolean)
  if (files.length === 0)
    throw new Error('set CODEFLOW_TARGET to a target file (or run `codeflow run`, which starts the mock IdP for you)')
  const targets = files.map((file) => ({ target: loadTargetFile(file), baseDir: dirname(resolve(file)) }))
  const config = conformanceConfig({
    targets,
    only: list(process.env.CODEFLOW_ONLY),
    skip: list(process.env.CODEFLOW_SKIP),
  })
  const out = process.env.CODEFLOW_OUT
  if (out) {
    const { ReportWritingReporter } = await import('./run/write-run-reports.js')
    const names = projectNames(targets)
    config.test!.reporters = [
      'default',
      new ReportWritingReporter(new Map(targets.map(({ target }, index) => [names[index]!, target])), out),
    ]
  }
  return config
}
