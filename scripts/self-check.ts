/**
 * `npm run self-check`: runs the conformance suite against the mock IdP with no behaviour, then
 * with each behaviour on, and prints the matrix (behaviour → the checks that caught it).
 *
 *   --only a,b    only these behaviours
 *   --write       also write docs/coverage.md
 *
 * Exits 1 when a check fails against the conformant mock or a behaviour goes unnoticed.
 */
import { writeFileSync } from 'node:fs'
import { COVERAGE_PATH, coverageMarkdown } from '../test/self-check/coverage-doc.js'
import { selfCheckProblems } from '../test/self-check/problems.js'
import { runSelfCheck } from '../test/self-check/run-self-check.js'

const args = process.argv.slice(2)
const onlyIndex = args.indexOf('--only')
const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',').filter(Boolean) : undefined
const write = args.includes('--write')

const result = await runSelfCheck({
  ...(only ? { only } : {}),
  onRow: (row, done, total) => {
    const mark = row.caught ? 'caught ' : 'MISSED '
    const by = row.caughtBy.map((c) => `${c.id} (${c.outcome})`).join(', ') || '—'
    process.stdout.write(`${String(done).padStart(3)}/${total} ${mark} ${row.behaviour.id.padEnd(44)} ${by}\n`)
    for (const error of row.errors) process.stdout.write(`          error  ${error.id}: ${error.message}\n`)
  },
})

const problems = selfCheckProblems(result, { complete: only === undefined })
process.stdout.write(
  `\n${result.rows.filter((row) => row.caught).length}/${result.rows.length} behaviours caught; baseline: ${result.baseline.filter((r) => r.outcome === 'passed').length} passed, ${result.baseline.filter((r) => r.outcome === 'skipped').length} skipped; ${(result.durationMs / 1000).toFixed(1)} s\n`,
)
for (const problem of problems) process.stdout.write(`PROBLEM: ${problem}\n`)
if (write) {
  if (only) {
    process.stderr.write('--write needs the full matrix: run without --only\n')
    process.exit(2)
  }
  writeFileSync(COVERAGE_PATH, coverageMarkdown(result))
  process.stdout.write(`wrote ${COVERAGE_PATH}\n`)
}
process.exit(problems.length === 0 ? 0 : 1)
