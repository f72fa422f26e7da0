/**
 * The vitest configuration of a conformance run, the one function both ways of running the suite
 * on vitest go through: the vitest engine of runConformance (engines/vitest.ts) and vitest's own
 * CLI (suites/vitest.conformance.config.ts → engines/vitest-cli.ts). One vitest project per
 * target, each running the per-area files of suites/areas/ with the target handed over by
 * `provide` (provided.ts).
 */
import { fileURLToPath } from 'node:url'
import type { TestProjectInlineConfiguration, ViteUserConfig } from 'vitest/config'
import type { Reporter } from 'vitest/node'
import { packageRoot } from '../../../core/package-root.js'
import { RequestGate, UNLIMITED } from '../../harness/request-gate.js'
import { type ConformanceTarget, projectNames } from '../conformance-run.js'
import type { ProvidedRun } from '../provided.js'
import { tagDefinitions } from '../tags.js'

/**
 * The folder of the check areas, each holding its vitest file <area>/<area>.conformance.ts (.js
 * once built): a sibling folder of this file's own tree, so it is right in the sources and in dist/.
 */
export const AREAS_DIR = fileURLToPath(new URL('../../areas/', import.meta.url))

/** The vitest files of these areas (an absolute filter matches as a path prefix, so .ts or .js). */
export function areaFileFilters(areas: Iterable<string>): string[] {
  return [...areas].map((area) => `${AREAS_DIR}${area}/${area}.conformance.`)
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
  /** vitest workers (default 4). */
  workers?: number
  /** Who hears of the results (default: vitest's default reporter). */
  reporters?: Array<Reporter | 'default'>
}

export function conformanceConfig(options: ConformanceConfigOptions): ViteUserConfig {
  const names = projectNames(options.targets)
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
    root: packageRoot(),
    test: {
      projects,
      tags: tagDefinitions(),
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
      ...(options.reporters ? { reporters: options.reporters } : {}),
    },
  }
}
