/** The options of `codeflow run` after parsing (docs/cli.md); its exit codes are reports/gate.ts's EXIT. */
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
