/** The options of `codeflow run` after parsing, and its exit codes (docs/cli.md). */
import type { FailOn } from '../../reports/schema.js'

export interface RunOptions {
  target: string[]
  out?: string
  only: string[]
  skip: string[]
  shard?: string
  concurrency?: number
  workers?: number
  testNamePattern?: string
  tagsFilter: string[]
  failOn: FailOn
  /** Unset: vitest when a usable vitest is installed, else direct (engine-choice.ts). */
  engine?: 'vitest' | 'direct'
  baseline?: string
  /** Run the suite this many times and list the checks whose verdict changed. */
  repeat?: number
}

export const EXIT_CONFORMANT = 0
export const EXIT_NON_CONFORMANT = 1
export const EXIT_RUN_FAILED = 2
