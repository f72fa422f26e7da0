/**
 * A run the suite could not drive (a wrong password: 39 passed, 124 in error) is incomplete and
 * never conformant in any format; errors are shown by root cause, once, with the number of checks
 * each blocked; skip reasons, robustness observations and the driver's artifacts reach every format.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect, it } from 'vitest'
import { buildReport } from './build-report.js'
import { compareReports, hasRegression, renderComparisonMarkdown, renderComparisonText } from './compare.js'
import { exitCodeOf } from './gate.js'
import { parseReport } from './parse-report.js'
import { renderConsole } from './render-console.js'
import { MAX_EMBEDDED_SCREENSHOT_BYTES, renderHtml } from './render-html.js'
import { renderJunit } from './render-junit.js'
import { renderMarkdown } from './render-markdown.js'
import type { Report } from './schema.js'
import {
  fixtureRun,
  type IncompleteRunOptions,
  incompleteRun,
  LOGIN_FAILED,
  SKIP_LOGOUT,
  SKIP_SECOND_CLIENT,
} from './test-support/fixture-run.js'
import { artifactReader, writeReports } from './write-reports.js'

const build = (options: IncompleteRunOptions = {}, failOn?: 'must' | 'should' | 'never'): Report =>
  buildReport(incompleteRun(options), { toolVersion: '0.0.0-test', ...(failOn ? { failOn } : {}) })

const occurrences = (text: string, part: string) => text.split(part).length - 1

const consoleText = (report: Report, dir = '/tmp/codeflow-out') => renderConsole([{ target: 'staging', dir, report }])

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'codeflow-incomplete-'))
}

/** A valid 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

it('calls a run with 124 checks in error incomplete and not conformant, whatever the gate', () => {
  for (const gate of ['must', 'should', 'never'] as const) {
    const report = build({}, gate)
    expect(report.summary).toMatchObject({ passed: 39, failed: 0, warning: 1, skipped: 45, error: 124 })
    expect(report).toMatchObject({ conformant: false, incomplete: true })
    expect(exitCodeOf([report])).toBe(2)
  }
})

it('lists the root cause once with the checks it blocked, and names it on each check in error', () => {
  const report = build()
  expect(report.rootCauses).toHaveLength(1)
  const [cause] = report.rootCauses
  expect(cause).toMatchObject({ id: 'gather:happy-flow', message: LOGIN_FAILED, attempts: 3 })
  expect(cause!.blocked).toHaveLength(124)
  const errored = report.checks.filter((check) => check.outcome === 'error')
  expect(errored.every((check) => check.rootCause === 'gather:happy-flow')).toBe(true)
  expect(report.checks.filter((check) => check.rootCause !== undefined)).toHaveLength(124)
})

it('groups checks in error that name no root cause by their message', () => {
  const report = build({ namedCauses: false })
  expect(report.incomplete).toBe(true)
  expect(report.rootCauses).toEqual([
    expect.objectContaining({ id: 'error-1', step: 'drive the target', message: LOGIN_FAILED, attempts: 1 }),
  ])
  expect(report.rootCauses[0]!.blocked).toHaveLength(124)
  expect(report.checks.filter((check) => check.rootCause === 'error-1')).toHaveLength(124)
})

it('makes a run that stopped early incomplete even when every result it has passed', () => {
  const run = incompleteRun()
  const passing = { ...run, results: run.results.filter((result) => result.outcome === 'passed'), rootCauses: [] }
  expect(buildReport(passing, { toolVersion: 'x' })).toMatchObject({ conformant: true, incomplete: false })
  const stopped = buildReport(passing, { toolVersion: 'x', stopped: ['staging: the run was interrupted'] })
  expect(stopped).toMatchObject({ conformant: false, incomplete: true })
  expect(stopped.rootCauses).toEqual([expect.objectContaining({ id: 'run:stopped', blocked: [] })])
  expect(renderMarkdown(stopped)).toContain('stopped the run: staging: the run was interrupted')
  expect(consoleText(stopped)).toContain('INCOMPLETE')
})

it('writes summary.md with "incomplete", no ✅, and the root cause before the table, once, with its count', () => {
  const md = renderMarkdown(build())
  expect(md).toContain('**⛔ incomplete, not conformant**')
  expect(md).toContain('124 checks could not be judged (1 root cause)')
  expect(md).not.toContain('✅')
  expect(occurrences(md, LOGIN_FAILED)).toBe(1)
  expect(md).toMatch(
    /sign in once for the scenarios\*\* \(`gather:happy-flow`\) blocked 124 checks .* after 3 attempts/,
  )
  expect(md).toContain('what to do: check users[0].password in the target file')
  expect(md.indexOf('### Why the run is incomplete')).toBeGreaterThan(-1)
  expect(md.indexOf('### Why the run is incomplete')).toBeLessThan(md.indexOf('| area |'))
  // The errors are not repeated one by one among the findings.
  expect(md).not.toContain('`code.e123`')
})

it('lists skip reasons in summary.md, each once with its checks', () => {
  const md = renderMarkdown(build())
  expect(md).toContain('### Skipped, and why')
  expect(occurrences(md, SKIP_SECOND_CLIENT)).toBe(1)
  expect(md).toContain(`${SKIP_SECOND_CLIENT} — 30 checks: \`token.s000\``)
  expect(md).toContain(`${SKIP_LOGOUT} — 15 checks: \`logout.s000\``)
})

it('prints each root cause once on the console with the number of checks it blocked, and the skip reasons grouped', () => {
  const text = consoleText(build())
  expect(text.split('\n')[0]).toBe(
    'staging (https://op.example): 39 passed · 0 failed · 1 warning · 45 skipped · 124 error — INCOMPLETE, not conformant',
  )
  expect(occurrences(text, LOGIN_FAILED)).toBe(1)
  expect(text).toContain(
    `⛔ sign in once for the scenarios [gather:happy-flow] blocked 124 checks after 3 attempts: ${LOGIN_FAILED}`,
  )
  expect(text).not.toContain('code.e000')
  expect(occurrences(text, SKIP_SECOND_CLIENT)).toBe(1)
  expect(text).toContain(
    `- ${SKIP_SECOND_CLIENT} — 30 checks: token.s000, token.s001, token.s002, token.s003, token.s004 and 25 more`,
  )
  expect(text).toContain(`- ${SKIP_LOGOUT} — 15 checks:`)
  expect(text).toContain(`reports: ${join('/tmp/codeflow-out', 'report.json')}`)
  expect(text).not.toMatch(/— conformant$/m)
})

it('shows "Why the run is incomplete" at the top of the HTML page, with the message once and the exchanges', () => {
  const html = renderHtml(build())
  expect(html).toContain('data-testid="verdict">Incomplete — not conformant<')
  const section = html.indexOf('data-testid="root-causes"')
  expect(section).toBeGreaterThan(-1)
  expect(section).toBeLessThan(html.indexOf('data-testid="check"'))
  expect(html).toContain('<h2>Why the run is incomplete</h2>')
  expect(occurrences(html, `<p class="message">${LOGIN_FAILED}</p>`)).toBe(1)
  expect(html).toContain('Blocked 124 checks after 3 attempts.')
  expect(html).toMatch(/data-testid="root-cause"[\s\S]*login: submit the login form[\s\S]*<\/article>/)
  expect(html).toContain('href="#cause-gather-happy-flow"')
})

it('renders errors in JUnit as <error> with the root cause message, the cause in the run properties', () => {
  const xml = renderJunit(build())
  expect(XMLValidator.validate(xml)).toBe(true)
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
  }).parse(xml)
  expect(parsed.testsuites['@_errors']).toBe('124')
  const suites = parsed.testsuites.testsuite as Array<Record<string, unknown>>
  const cases = suites.flatMap((suite) => (suite.testcase as Array<Record<string, unknown>>) ?? [])
  const errors = cases.filter((c) => c.error).map((c) => c.error as Record<string, string>)
  expect(errors).toHaveLength(124)
  for (const error of errors) {
    expect(error['@_message']).toBe(`sign in once for the scenarios: ${LOGIN_FAILED}`)
    expect(error['@_type']).toBe('gather:happy-flow')
  }
  const run = suites.find((suite) => suite['@_name'] === 'codeflow run') as {
    properties: { property: Array<Record<string, string>> }
  }
  expect(run.properties.property).toContainEqual({ '@_name': 'incomplete', '@_value': 'true' })
})

it('calls a MUST check that warned "warning (MUST check, a finding the spec allows)", never "(MUST)" beside a warning', () => {
  const report = build()
  const md = renderMarkdown(report)
  expect(md).toContain(
    '⚠️ **`authz.error-response-shape`** warning (MUST check, a finding the spec allows): 1 unusual detail',
  )
  expect(md).not.toMatch(/⚠️ \*\*`[^`]+`\*\* \(MUST\)/)
  expect(renderHtml(report)).toContain('<p class="outcome-note">warning (MUST check, a finding the spec allows)</p>')
  expect(renderJunit(report)).toContain('WARNING (MUST check, a finding the spec allows): 1 unusual detail')
})

it('shows a robustness finding once in every format, as an observation that changes no count', () => {
  const plain = build()
  const report = build({ robustness: true })
  expect(report.summary).toEqual(plain.summary)
  expect(report.robustness).toEqual([
    { step: 'sign in once for the scenarios', concurrency: 4, message: expect.any(String), exchanges: [] },
  ])
  const sentence = 'the target failed under parallel load (4 flows in flight)'
  expect(occurrences(renderMarkdown(report), sentence)).toBe(1)
  expect(renderMarkdown(report)).toContain('### Robustness (an observation, not a failure)')
  expect(occurrences(consoleText(report), sentence)).toBe(1)
  expect(occurrences(renderHtml(report), 'data-testid="robustness-finding"')).toBe(1)
  const xml = renderJunit(report)
  expect(occurrences(xml, 'name="robustness"')).toBe(1)
  expect(xml).toContain('ROBUSTNESS (an observation, not a failure)')
  expect(renderJunit(plain)).not.toContain('ROBUSTNESS')
})

it('never writes "undefined" for a check without a message, in any format', () => {
  for (const report of [build({ robustness: true }), buildReport(fixtureRun(), { toolVersion: 'x' })]) {
    const json = JSON.stringify(report)
    expect(report.checks.filter((check) => check.outcome === 'passed').some((check) => 'message' in check)).toBe(
      report.target.name === 'example-op',
    )
    for (const [format, text] of [
      ['json', json],
      ['md', renderMarkdown(report)],
      ['html', renderHtml(report)],
      ['junit', renderJunit(report)],
      ['console', consoleText(report)],
    ] as const)
      expect(text.includes('undefined'), `${format} of ${report.target.name}`).toBe(false)
  }
})

it('copies the screenshot and trace next to the report, embeds the screenshot and says how to open the trace', () => {
  const source = tempDir()
  const screenshot = join(source, 'login.png')
  const trace = join(source, 'trace.zip')
  writeFileSync(screenshot, PNG)
  writeFileSync(trace, 'PK fake zip')
  const out = join(tempDir(), 'report')
  const { report } = writeReports(build({ artifacts: { screenshot, trace } }), out, {})

  expect(report.rootCauses[0]!.artifacts).toEqual({
    screenshot: 'artifacts/gather-happy-flow-login.png',
    trace: 'artifacts/gather-happy-flow-trace.zip',
  })
  expect(readFileSync(join(out, 'artifacts', 'gather-happy-flow-login.png'))).toEqual(PNG)
  expect(existsSync(join(out, 'artifacts', 'gather-happy-flow-trace.zip'))).toBe(true)
  const json = readFileSync(join(out, 'report.json'), 'utf8')
  expect(json).not.toContain(source)
  expect(JSON.parse(json).rootCauses[0].artifacts.trace).toBe('artifacts/gather-happy-flow-trace.zip')

  const html = readFileSync(join(out, 'report.html'), 'utf8')
  expect(html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`)
  expect(html).toContain('npx playwright show-trace artifacts/gather-happy-flow-trace.zip')
  expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain(
    '`npx playwright show-trace artifacts/gather-happy-flow-trace.zip`',
  )
  expect(consoleText(report, out)).toContain(
    `trace: npx playwright show-trace ${join(out, 'artifacts', 'gather-happy-flow-trace.zip')}`,
  )
  // Re-rendered later from the folder (codeflow report --format html): still embedded.
  expect(renderHtml(parseReport(JSON.parse(json)), { readArtifact: artifactReader(out) })).toContain(
    'data:image/png;base64,',
  )
})

it('links a screenshot too large to embed, and drops an artifact that is gone', () => {
  const source = tempDir()
  const screenshot = join(source, 'big.png')
  writeFileSync(screenshot, Buffer.concat([PNG, Buffer.alloc(MAX_EMBEDDED_SCREENSHOT_BYTES)]))
  const out = join(tempDir(), 'report')
  const { report } = writeReports(build({ artifacts: { screenshot, trace: join(source, 'missing.zip') } }), out, {})
  expect(report.rootCauses[0]!.artifacts).toEqual({ screenshot: 'artifacts/gather-happy-flow-big.png' })
  const html = readFileSync(join(out, 'report.html'), 'utf8')
  expect(html).not.toContain('data:image/png')
  expect(html).toContain('Not embedded (larger than 2 MiB)')
  expect(html).toContain('href="artifacts/gather-happy-flow-big.png"')
})

it('reads only artifacts/<file> of a report folder, so a crafted report cannot embed other files', () => {
  const dir = tempDir()
  writeFileSync(join(dir, 'secret.png'), PNG)
  const read = artifactReader(join(dir, 'report'))
  expect(read('artifacts/../../secret.png')).toBeUndefined()
  expect(read('../secret.png')).toBeUndefined()
  expect(read(join(dir, 'secret.png'))).toBeUndefined()
  expect(read('artifacts/nothing.png')).toBeUndefined()
})

it('appends exactly summary.md to $GITHUB_STEP_SUMMARY for an incomplete run', () => {
  const dir = tempDir()
  const summaryFile = join(dir, 'step-summary.md')
  writeFileSync(summaryFile, '')
  writeReports(build(), join(dir, 'out'), { GITHUB_STEP_SUMMARY: summaryFile })
  const summary = readFileSync(join(dir, 'out', 'summary.md'), 'utf8')
  expect(readFileSync(summaryFile, 'utf8')).toBe(summary)
  expect(summary).toContain('incomplete')
})

it('reads a report written before incomplete, rootCauses and robustness existed, and derives them', () => {
  const old = JSON.parse(JSON.stringify(buildReport(fixtureRun(), { toolVersion: 'old' })))
  delete old.incomplete
  delete old.rootCauses
  delete old.robustness
  for (const check of old.checks) delete check.rootCause
  old.conformant = true // what an older codeflow said with a check in error
  const parsed = parseReport(old)
  expect(parsed).toMatchObject({ incomplete: true, conformant: false, robustness: [] })
  expect(parsed.rootCauses).toEqual([
    expect.objectContaining({
      step: 'drive the target',
      message: 'login page not understood',
      blocked: ['ui.get-header'],
    }),
  ])
  expect(renderMarkdown(parsed)).toContain('incomplete')

  const complete = structuredClone(old)
  complete.checks = complete.checks.filter((check: { outcome: string }) => check.outcome !== 'error')
  complete.conformant = false
  expect(parseReport(complete)).toMatchObject({ incomplete: false, conformant: false, rootCauses: [], robustness: [] })
})

it('compares runs by root cause: a new cause appears once, with the checks it newly blocked', () => {
  const run = incompleteRun()
  const healthy = buildReport(
    {
      ...run,
      rootCauses: [],
      results: run.results.map((result) =>
        result.outcome === 'error'
          ? { ...result, outcome: 'passed' as const, message: undefined, rootCause: undefined }
          : result,
      ),
    },
    { toolVersion: 'x' },
  )
  const broken = build()
  const comparison = compareReports(healthy, broken)
  expect(comparison.incomplete).toEqual({ before: false, after: true })
  expect(comparison.rootCauses.appeared).toEqual([
    { id: 'gather:happy-flow', step: 'sign in once for the scenarios', message: LOGIN_FAILED, blocked: 124 },
  ])
  expect(comparison.regressions).toHaveLength(124)
  expect(hasRegression(comparison)).toBe(true)
  const text = renderComparisonText(comparison)
  expect(text).toContain('The old run was complete; the new run is incomplete.')
  expect(text).toContain('Regressions (124)')
  expect(text).toContain('124 checks passed → error — root cause gather:happy-flow (sign in once for the scenarios)')
  expect(occurrences(text, 'passed → error')).toBe(1)
  expect(renderComparisonMarkdown(comparison)).toContain('### Regressions (124)')

  const back = compareReports(broken, healthy)
  expect(back.rootCauses.resolved.map((cause) => cause.id)).toEqual(['gather:happy-flow'])
  expect(back.fixed).toHaveLength(124)
  expect(hasRegression(back)).toBe(false)
})

it('compares an older report (without the new fields) with a new one', () => {
  const old = JSON.parse(JSON.stringify(buildReport(fixtureRun(), { toolVersion: 'old' })))
  delete old.incomplete
  delete old.rootCauses
  delete old.robustness
  for (const check of old.checks) delete check.rootCause
  const comparison = compareReports(parseReport(old), buildReport(fixtureRun(), { toolVersion: 'new' }))
  expect(comparison.regressions).toEqual([])
  expect(comparison.rootCauses).toEqual({ appeared: [], resolved: [] })
  expect(comparison.incomplete).toEqual({ before: true, after: true })
})

it('renders the incomplete run exactly as the committed snapshots', async () => {
  const report = build({ robustness: true })
  await expect(renderMarkdown(report)).toMatchFileSnapshot('__snapshots__/incomplete-summary.md')
  await expect(consoleText(report)).toMatchFileSnapshot('__snapshots__/incomplete-console.txt')
})
