import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { buildReport } from './build-report.js'
import { boundText, MAX_EXCHANGES, MAX_TEXT_CHARS, MAX_VALUE_JSON_CHARS } from './report-bounds.js'
import { reportJsonParts } from './report-json.js'
import type { Exchange } from './run-result.js'
import { fixtureRun, incompleteRun, SECRET } from './test-support/fixture-run.js'
import { writeReports } from './write-reports.js'

function exchanges(count: number): Exchange[] {
  return Array.from({ length: count }, (_, index) => ({
    id: index + 1,
    label: `probe ${index + 1}`,
    request: { method: 'GET', url: 'https://op.example/x', headers: {} },
    response: { status: 200, headers: {}, body: 'ok' },
    durationMs: 1,
  }))
}

it('writes report.json part by part as exactly the text of JSON.stringify with two-space indentation', () => {
  for (const run of [fixtureRun(), incompleteRun()]) {
    const report = buildReport(run, { toolVersion: 'test', secrets: [SECRET] })
    expect([...reportJsonParts(report)].join('')).toBe(`${JSON.stringify(report, null, 2)}\n`)
  }
})

it('never makes one part of report.json out of more than one check or root cause', () => {
  const report = buildReport(incompleteRun(), { toolVersion: 'test' })
  const parts = [...reportJsonParts(report)]
  const checkParts = parts.filter((part) => part.includes('"evidence"'))
  expect(checkParts.length).toBe(report.checks.length)
  for (const part of checkParts) expect(part.match(/"evidence"/g)).toHaveLength(1)
})

it('bounds every message, value and exchange list a run hands the report', () => {
  const run = fixtureRun()
  const huge = 'é'.repeat(MAX_TEXT_CHARS * 4)
  run.results[1] = {
    ...run.results[1]!,
    message: huge,
    actual: { body: 'x'.repeat(MAX_VALUE_JSON_CHARS * 3) },
    expected: 400,
    exchanges: exchanges(MAX_EXCHANGES + 10),
  }
  run.rootCauses.push({
    id: 'gather:x',
    step: huge,
    message: huge,
    attempts: 1,
    exchanges: exchanges(MAX_EXCHANGES + 10),
    blocked: [run.results[1]!.id],
  })
  const report = buildReport(run, { toolVersion: 'test' })
  const check = report.checks.find((candidate) => candidate.id === run.results[1]!.id)!
  expect(check.message).toBe(boundText(huge))
  expect(check.message!.endsWith(`…[truncated: ${huge.length} characters]`)).toBe(true)
  expect(check.expected).toBe(400)
  expect(typeof check.actual).toBe('string')
  expect((check.actual as string).startsWith('{"body":"xxx')).toBe(true)
  expect((check.actual as string).endsWith(`…[truncated: ${MAX_VALUE_JSON_CHARS * 3 + 11} characters of JSON]`)).toBe(
    true,
  )
  expect(check.evidence.exchanges.map((exchange) => exchange.id)).toEqual(
    exchanges(MAX_EXCHANGES).map((exchange) => exchange.id),
  )
})

it('keeps the last exchanges of a root cause (those up to the failure)', () => {
  const run = incompleteRun()
  run.rootCauses[0] = { ...run.rootCauses[0]!, exchanges: exchanges(MAX_EXCHANGES + 10) }
  const report = buildReport(run, { toolVersion: 'test' })
  const cause = report.rootCauses.find((candidate) => candidate.id === run.rootCauses[0]!.id)!
  expect(cause.exchanges.map((exchange) => exchange.id)).toEqual(
    exchanges(MAX_EXCHANGES + 10)
      .slice(-MAX_EXCHANGES)
      .map((exchange) => exchange.id),
  )
})

it('scrubs secrets from every string, member names included', () => {
  const run = fixtureRun()
  run.results[1] = { ...run.results[1]!, actual: { [`key-${SECRET}`]: `value ${SECRET}` } }
  const out = join(mkdtempSync(join(tmpdir(), 'codeflow-bounds-')), 'out')
  writeReports(buildReport(run, { toolVersion: 'test', secrets: [SECRET] }), out, {})
  for (const file of ['report.json', 'report.html', 'junit.xml', 'summary.md'])
    expect(readFileSync(join(out, file), 'utf8')).not.toContain(SECRET)
})
