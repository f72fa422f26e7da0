import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { applyBaseline, baselineFromReport, parseBaseline } from './baseline.js'
import { buildReport } from './build-report.js'
import { compareReports, hasRegression, renderComparisonText } from './compare.js'
import { exitCodeOf, isConformant } from './gate.js'
import { parseReport, ReportError } from './parse-report.js'
import { renderHtml } from './render-html.js'
import { renderJunit } from './render-junit.js'
import { renderMarkdown } from './render-markdown.js'
import type { Report } from './schema.js'
import { fixtureRun, SECRET } from './test-support/fixture-run.js'
import { writeReports } from './write-reports.js'

const report = (options: Parameters<typeof buildReport>[1] = { toolVersion: '0.0.0-test' }): Report =>
  buildReport(fixtureRun(), options)

/** The fixture run without its check in error: every check was judged. */
const completeReport = (options: Parameters<typeof buildReport>[1]): Report => {
  const run = fixtureRun()
  return buildReport({ ...run, results: run.results.filter((result) => result.outcome !== 'error') }, options)
}

it('counts every outcome and fails the default gate on a failed MUST', () => {
  const built = report()
  expect(built.summary).toEqual({ passed: 2, failed: 1, warning: 1, skipped: 1, error: 1, waived: 0 })
  expect(built.conformant).toBe(false)
  expect(built.schemaVersion).toBe(1)
  expect(completeReport({ toolVersion: 'x' })).toMatchObject({ conformant: false, incomplete: false })
})

it('lets --fail-on choose the gate, and never calls a run with a check in error conformant', () => {
  expect(isConformant([{ outcome: 'warning' }], 'must')).toBe(true)
  expect(isConformant([{ outcome: 'warning' }], 'should')).toBe(false)
  expect(isConformant([{ outcome: 'failed' }], 'never')).toBe(true)
  for (const gate of ['must', 'should', 'never'] as const)
    expect(isConformant([{ outcome: 'passed' }, { outcome: 'error' }], gate)).toBe(false)
  expect(completeReport({ toolVersion: 'x', failOn: 'never' })).toMatchObject({ conformant: true, incomplete: false })
  expect(report({ toolVersion: 'x', failOn: 'never' })).toMatchObject({ conformant: false, incomplete: true })
})

it('exits 2 for an incomplete run even when a MUST also failed, 1 for a failed MUST, 0 otherwise', () => {
  expect(exitCodeOf([{ conformant: true, incomplete: false }])).toBe(0)
  expect(exitCodeOf([{ conformant: false, incomplete: false }])).toBe(1)
  expect(exitCodeOf([{ conformant: false, incomplete: true }])).toBe(2)
  expect(exitCodeOf([{ conformant: true, incomplete: false }, report()])).toBe(2)
  expect(exitCodeOf([completeReport({ toolVersion: 'x' })])).toBe(1)
})

it('resolves spec tokens to links', () => {
  const check = report().checks.find((c) => c.id === 'code.single-use-immediate')!
  expect(check.spec[0]).toEqual({
    token: 'RFC6749-4.1.2',
    title: 'RFC 6749: The OAuth 2.0 Authorization Framework',
    url: 'https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2',
  })
})

it("scrubs the run's secrets from every string of the report", () => {
  const text = JSON.stringify(report({ toolVersion: 'x', secrets: [SECRET] }))
  expect(text).not.toContain(SECRET)
  expect(text).toContain('[REDACTED]')
})

it('validates as the schema it publishes and refuses other versions', () => {
  const built = report()
  expect(parseReport(JSON.parse(JSON.stringify(built)))).toEqual(built)
  expect(() => parseReport({ ...built, schemaVersion: 2 })).toThrow(ReportError)
  expect(() => parseReport({ ...built, summary: 'x' })).toThrow(/summary/)
})

it('waives a known finding, fails again after the waiver expires, and reports stale waivers', () => {
  const baseline = parseBaseline({
    waivers: [
      { check: 'code.single-use-immediate', reason: 'fix in 2027', expires: '2026-12-31' },
      { check: 'no.such-check', reason: 'old' },
    ],
  })
  const waived = completeReport({ toolVersion: 'x', baseline: { file: 'w.json', baseline }, today: '2026-11-25' })
  expect(waived.checks.find((c) => c.id === 'code.single-use-immediate')?.outcome).toBe('waived')
  expect(waived.conformant).toBe(true)
  expect(waived.baseline?.stale).toEqual([{ check: 'no.such-check', reason: 'old' }])
  const expired = completeReport({ toolVersion: 'x', baseline: { file: 'w.json', baseline }, today: '2027-01-01' })
  expect(expired.checks.find((c) => c.id === 'code.single-use-immediate')?.outcome).toBe('failed')
  expect(expired.baseline?.expired).toHaveLength(1)
  expect(expired.conformant).toBe(false)
})

it('writes a baseline that waives exactly the current findings, never a check in error', () => {
  const baseline = baselineFromReport(report())
  expect(baseline.waivers.map((w) => w.check).sort()).toEqual([
    'code.reuse-revokes-access-token',
    'code.single-use-immediate',
  ])
  const applied = applyBaseline(report().checks, baseline, '2026-11-25')
  expect(applied.checks.filter((c) => c.outcome === 'waived')).toHaveLength(2)
  expect(() => parseBaseline({ waivers: [{ check: 'x', reason: 'y', expires: 'soon' }] })).toThrow(/YYYY-MM-DD/)
})

it('keeps a check in error (and the run incomplete) whatever the baseline says, without calling the waiver stale', () => {
  const baseline = parseBaseline({ waivers: [{ check: 'ui.get-header', reason: 'flaky login page' }] })
  const built = report({ toolVersion: 'x', baseline: { file: 'w.json', baseline }, today: '2026-11-25' })
  expect(built.checks.find((c) => c.id === 'ui.get-header')?.outcome).toBe('error')
  expect(built).toMatchObject({ incomplete: true, conformant: false, baseline: { stale: [] } })
})

it('renders JUnit XML that a strict parser accepts, one testcase per check', () => {
  const xml = renderJunit(report())
  expect(XMLValidator.validate(xml)).toBe(true)
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
  }).parse(xml)
  const suites = parsed.testsuites.testsuite as Array<{ '@_name': string; testcase?: Array<Record<string, unknown>> }>
  const cases = suites.flatMap((suite) => suite.testcase ?? [])
  expect(cases).toHaveLength(6)
  // The run's own suite holds no test case: the root cause is not one more error.
  expect(suites.find((suite) => suite['@_name'] === 'codeflow run')?.testcase).toBeUndefined()
  expect(parsed.testsuites['@_failures']).toBe('1')
  expect(parsed.testsuites['@_errors']).toBe('1')
  const failed = cases.find((c) => String(c['@_name']).startsWith('code.single-use-immediate'))!
  expect(failed['@_classname']).toBe('code')
  expect((failed.failure as Record<string, string>)['@_message']).toContain('<script>')
  expect(
    XMLValidator.validate(renderJunit({ ...report(), target: { name: 'bad\u0000name & <co>', issuer: 'x' } })),
  ).toBe(true)
})

it('renders a Markdown summary with findings first and spec links', () => {
  expect(renderMarkdown(completeReport({ toolVersion: 'x' }))).toContain('**❌ not conformant**')
  const md = renderMarkdown(report())
  expect(md).toContain('**⛔ incomplete, not conformant**')
  expect(md).toContain('| code | 0 | 1 | 1 | 0 | 0 |')
  expect(md.indexOf('code.single-use-immediate')).toBeLessThan(md.indexOf('code.reuse-revokes-access-token'))
  expect(md).toContain('[RFC6749-4.1.2](https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2)')
  expect(md).not.toContain('<script>')
})

it('renders a self-contained HTML page that escapes every value', () => {
  const html = renderHtml(report())
  expect(html).not.toMatch(/<(link|img|iframe)\b[^>]*\b(href|src)="https?:/i)
  expect(html).not.toMatch(/<script[^>]+src=/i)
  expect(html).not.toContain('<script>alert(1)</script>')
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  expect(html.match(/data-testid="check"/g)).toHaveLength(6)
})

it('finds regressions, fixes and changes between two reports', () => {
  const before = report()
  const after = structuredClone(before)
  after.checks.find((c) => c.id === 'code.single-use-immediate')!.outcome = 'passed'
  after.checks.find((c) => c.id === 'disc.issuer-exact')!.outcome = 'failed'
  after.checks.find((c) => c.id === 'code.reuse-revokes-access-token')!.message = 'other message'
  const comparison = compareReports(before, after)
  expect(comparison.regressions.map((r) => r.id)).toEqual(['disc.issuer-exact'])
  expect(comparison.fixed.map((r) => r.id)).toEqual(['code.single-use-immediate'])
  expect(comparison.changed).toContainEqual({
    id: 'code.reuse-revokes-access-token',
    what: 'message',
    from: 'the access token still works after the replay',
    to: 'other message',
  })
  expect(hasRegression(comparison)).toBe(true)
  expect(renderComparisonText(comparison)).toContain('Regressions (1)')
  expect(hasRegression(compareReports(before, before))).toBe(false)
})

it('renders the fixture run exactly as the committed snapshots (normalised: no timings)', async () => {
  const built = report()
  const normalised = { ...built, checks: built.checks.map((check) => ({ ...check, durationMs: 0 })) }
  await expect(`${JSON.stringify(normalised, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/report.json')
  await expect(renderMarkdown(normalised)).toMatchFileSnapshot('__snapshots__/summary.md')
  await expect(renderJunit(normalised)).toMatchFileSnapshot('__snapshots__/junit.xml')
})

it('appends the Markdown summary to $GITHUB_STEP_SUMMARY when it is set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-reports-'))
  const summaryFile = join(dir, 'step-summary.md')
  writeFileSync(summaryFile, '# earlier step\n')
  writeReports(report(), join(dir, 'out'), { GITHUB_STEP_SUMMARY: summaryFile })
  const written = readFileSync(summaryFile, 'utf8')
  expect(written.startsWith('# earlier step\n')).toBe(true)
  expect(written).toContain('## Codeflow conformance: example-op')
  writeReports(report(), join(dir, 'out2'), {})
  expect(readFileSync(summaryFile, 'utf8')).toBe(written)
})

it('names a client run a client conformance report in HTML and Markdown, and a server run as before', () => {
  const server = report()
  const client = { ...server, kind: 'client' as const }
  expect(renderHtml(server)).toContain('<h1>Codeflow conformance report: ')
  expect(renderHtml(client)).toContain('<h1>Codeflow client conformance report: ')
  expect(renderMarkdown(server)).toContain('## Codeflow conformance: ')
  expect(renderMarkdown(client)).toContain('## Codeflow client conformance: ')
})
