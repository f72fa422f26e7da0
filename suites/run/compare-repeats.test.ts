import { expect, it } from 'vitest'
import type { CheckResult, Outcome, SuiteRun } from '../../reports/run-result.js'
import { compareRepeats, worstExitCode } from './compare-repeats.js'

function run(outcomes: Record<string, Outcome>): SuiteRun {
  const results = Object.entries(outcomes).map(
    ([id, outcome]): CheckResult => ({
      id,
      title: id,
      area: 'code',
      level: 'MUST',
      spec: [],
      outcome,
      exchanges: [],
      durationMs: 1,
    }),
  )
  return {
    target: { name: 'op', issuer: 'https://op.example' },
    startedAt: '',
    finishedAt: '',
    results,
    rootCauses: [],
    robustness: [],
  }
}

it('lists the checks whose verdict changed between runs, per target, with each run’s outcome', () => {
  const summary = compareRepeats(
    [
      [{ label: 'op', run: run({ 'code.a': 'passed', 'code.b': 'passed', 'code.c': 'failed' }) }],
      [{ label: 'op', run: run({ 'code.a': 'passed', 'code.b': 'error', 'code.c': 'failed' }) }],
      [{ label: 'op', run: run({ 'code.a': 'warning', 'code.b': 'passed', 'code.c': 'failed' }) }],
    ],
    [0, 2, 0],
  )
  expect(summary).toEqual({
    runs: 3,
    exitCodes: [0, 2, 0],
    changed: [
      { target: 'op', id: 'code.a', outcomes: ['passed', 'passed', 'warning'] },
      { target: 'op', id: 'code.b', outcomes: ['passed', 'error', 'passed'] },
    ],
  })
})

it('does not count a run that produced no result for a check as a change', () => {
  const summary = compareRepeats(
    [[{ label: 'op', run: run({ 'code.a': 'passed' }) }], [{ label: 'op', run: run({}) }]],
    [0, 2],
  )
  expect(summary.changed).toEqual([])
})

it('keeps targets apart: the same check id on two targets is two rows', () => {
  const summary = compareRepeats(
    [
      [
        { label: 'a', run: run({ 'code.x': 'passed' }) },
        { label: 'b', run: run({ 'code.x': 'passed' }) },
      ],
      [
        { label: 'a', run: run({ 'code.x': 'passed' }) },
        { label: 'b', run: run({ 'code.x': 'failed' }) },
      ],
    ],
    [0, 1],
  )
  expect(summary.changed).toEqual([{ target: 'b', id: 'code.x', outcomes: ['passed', 'failed'] }])
})

it('exits with the worst run: a failed run beats a non-conformant one', () => {
  expect(worstExitCode([0, 1, 0])).toBe(1)
  expect(worstExitCode([1, 2, 0])).toBe(2)
  expect(worstExitCode([0, 0])).toBe(0)
})
