import { expect, it } from 'vitest'
import { coverageDrift, coverageMarkdown } from './coverage-doc.js'
import type { BehaviourRow, SelfCheckResult } from './run-self-check.js'

const row = (id: string, caughtBy: string[]): BehaviourRow => ({
  behaviour: { id, description: 'd', violates: ['RFC6749-4.1.2'], level: 'MUST' },
  cited: caughtBy,
  caughtBy: caughtBy.map((check) => ({ id: check, outcome: 'failed' as const, message: 'm' })),
  errors: [],
  caught: caughtBy.length > 0,
})

/** Every run proves sess.max-age-1 with its own behaviour, so a side effect on it changes no count. */
const run = (rows: BehaviourRow[]): SelfCheckResult => ({
  baseline: [],
  rows: [...rows, row('max-age-ignored', ['sess.max-age-1'])],
  durationMs: 1,
})

it('finds no drift between a document and the run that wrote it', () => {
  const result = run([row('state-dropped', ['state.echoed', 'authz.code-happy-path'])])
  expect(coverageDrift(coverageMarkdown(result), result)).toEqual([])
})

it('tolerates a row whose side effects differ, while one listed check still catches the behaviour', () => {
  const committed = coverageMarkdown(run([row('state-dropped', ['state.echoed', 'sess.max-age-1'])]))
  expect(coverageDrift(committed, run([row('state-dropped', ['state.echoed'])]))).toEqual([])
})

it('reports a row none of whose listed checks catches the behaviour any more', () => {
  const committed = coverageMarkdown(run([row('state-dropped', ['sess.max-age-1'])]))
  const drift = coverageDrift(committed, run([row('state-dropped', ['state.echoed'])]))
  expect(drift.filter((line) => line.includes('`state-dropped`'))).toHaveLength(1)
})

it('reports a changed level, a missing row and a changed count', () => {
  const result = run([row('state-dropped', ['state.echoed']), row('iss-wrong', ['iss.value'])])
  const committed = coverageMarkdown(run([row('state-dropped', ['state.echoed'])])).replace('| MUST |', '| SHOULD |')
  const drift = coverageDrift(committed, result)
  expect(drift.some((line) => line.includes('Behaviours: 2'))).toBe(true)
  expect(drift.some((line) => line.includes('SHOULD'))).toBe(true)
  expect(drift.some((line) => line.includes('iss-wrong'))).toBe(true)
})
