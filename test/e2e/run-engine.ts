/**
 * Runs the conformance suite through runConformance in a process of its own (vitest cannot start
 * inside a vitest test) and prints the SuiteRuns as JSON on stdout, for the e2e tests. The engine
 * is vitest unless the options say `"engine": "direct"`:
 *
 *   node --import tsx test/e2e/run-engine.ts '{"target":"/tmp/t.json","concurrency":1}'
 */
import { dirname, resolve } from 'node:path'
import { loadTargetFile } from '../../suites/harness/target.js'
import { runConformance } from '../../suites/run/run-conformance.js'

const options = JSON.parse(process.argv[2] ?? '{}') as {
  target: string
  engine?: 'direct' | 'vitest'
  concurrency?: number
  only?: string[]
}
const result = await runConformance({
  engine: options.engine ?? 'vitest',
  targets: [{ target: loadTargetFile(options.target), baseDir: dirname(resolve(options.target)) }],
  ...(options.only ? { only: options.only } : {}),
  ...(options.concurrency ? { concurrency: options.concurrency } : {}),
})
process.stdout.write(JSON.stringify({ runs: result.runs, runErrors: result.runErrors }))
