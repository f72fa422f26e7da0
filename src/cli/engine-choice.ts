/**
 * Which engine `codeflow run` uses. vitest is an optional peer dependency (package.json): the
 * vitest engine runs with the vitest installed next to codeflow, and needs 4.1 or a later 4.x
 * (test tags came in 4.1). Without `--engine`, a run without a usable vitest falls back to the
 * direct engine and says so; an explicit `--engine vitest`, or a flag only the vitest engine
 * honours, stops the run with what to install instead of running something else than asked.
 */
import { VITEST_ENGINE_RANGE } from '../../suites/run/engines/vitest-range.js'
import type { RunOptions } from './run-options.js'

export type Engine = 'vitest' | 'direct'

export type EngineChoice = { engine: Engine; note?: string } | { problem: string }

type EngineFlags = Pick<RunOptions, 'engine' | 'shard' | 'workers' | 'testNamePattern' | 'tagsFilter'>

/** `vitestVersion`: the installed vitest's version (optional-peer.ts installedVersion), undefined when none. */
export function chooseEngine(options: EngineFlags, vitestVersion: string | undefined): EngineChoice {
  const vitestFlags = vitestOnlyFlags(options)
  const flags = `${vitestFlags.join(', ')} ${vitestFlags.length === 1 ? 'needs' : 'need'}`
  const usable = vitestVersion !== undefined && supportsVitestEngine(vitestVersion)
  const install = `npm i -D vitest@${VITEST_ENGINE_RANGE}`
  const found = vitestVersion === undefined ? 'vitest is not installed' : `the installed vitest is ${vitestVersion}`
  if (options.engine === 'direct') {
    if (vitestFlags.length > 0) return { problem: `${flags} --engine vitest (the direct engine has no such option)` }
    return { engine: 'direct' }
  }
  if (usable) return { engine: 'vitest' }
  if (options.engine === 'vitest')
    return {
      problem: `--engine vitest needs vitest ${VITEST_ENGINE_RANGE} and ${found}: ${install}, or use --engine direct`,
    }
  if (vitestFlags.length > 0)
    return {
      problem: `${flags} the vitest engine (vitest ${VITEST_ENGINE_RANGE}) and ${found}: ${install}`,
    }
  return {
    engine: 'direct',
    note: `${found}: running with --engine direct (the vitest engine needs vitest ${VITEST_ENGINE_RANGE}: ${install})`,
  }
}

/** 4.1 and later 4.x: the vitest APIs the engine uses (startVitest, reporter v2, provide/inject, tags). */
export function supportsVitestEngine(version: string): boolean {
  const match = /^(\d+)\.(\d+)\./.exec(version)
  if (!match) return false
  return Number(match[1]) === 4 && Number(match[2]) >= 1
}

function vitestOnlyFlags(options: EngineFlags): string[] {
  return [
    options.shard === undefined ? undefined : '--shard',
    options.workers === undefined ? undefined : '--workers',
    options.testNamePattern === undefined ? undefined : '--test-name-pattern',
    options.tagsFilter.length === 0 ? undefined : '--tags-filter',
  ].filter((flag) => flag !== undefined)
}
