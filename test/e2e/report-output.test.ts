/**
 * The reports of a real run: nothing secret in any of them, and the HTML page works in a real
 * Chromium from file:// — summary, filters, search, expandable findings — with no network.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { buildReport } from '../../reports/build-report.js'
import { writeReports } from '../../reports/write-reports.js'
import { tempDir } from '../../src/cli/test-support/run-cli.js'
import { checks, gatherers, selectChecks } from '../../suites/catalog.js'
import { CHROMIUM_ARGS, requireChromium } from '../../suites/drivers/find-chromium.js'
import { runSuite, targetSecrets } from '../../suites/harness/run-suite.js'
import { parseTargetFile } from '../../suites/harness/target.js'
import { openReportPage } from '../support/report-page.js'

// A mock with a deliberate defect, so the report has findings with HTTP evidence to show.
let idp: MockIdp
let out: string
let secrets: string[]

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' }, errata: { acceptJsonContentType: true } })
  const target = parseTargetFile(idp.targetFile())
  secrets = targetSecrets(target)
  const run = await runSuite({
    target,
    checks: selectChecks(checks, ['discovery', 'token', 'code', 'userinfo', 'refresh', 'guide']),
    gatherers,
  })
  out = tempDir()
  writeReports(buildReport(run, { toolVersion: 'test', secrets }), out, {})
}, 120_000)

afterAll(() => idp.close())

function outputs(): Array<[string, string]> {
  return readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')])
}

it('writes all four formats', () => {
  expect(
    outputs()
      .map(([name]) => name)
      .sort(),
  ).toEqual(['junit.xml', 'report.html', 'report.json', 'summary.md'])
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  expect(report.summary.failed).toBeGreaterThan(0)
  expect(
    report.checks.some((check: { evidence: { exchanges: unknown[] } }) => check.evidence.exchanges.length > 0),
  ).toBe(true)
})

it('never writes a client secret, password, code or token into any report', () => {
  expect(secrets.length).toBeGreaterThan(4)
  for (const [name, text] of outputs()) {
    for (const secret of secrets) expect(text.includes(secret), `${name} contains a configured secret`).toBe(false)
    // Credentials the run obtained: JWTs (ID tokens, hints), bearer/basic credentials, and
    // code / token parameters or JSON members with a value other than [REDACTED].
    expect(text.match(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]+/g), `${name} contains a JWT`).toBeNull()
    expect(
      text.match(/\b(Bearer|Basic) (?!\[REDACTED\])[A-Za-z0-9+/=._~-]{16,}/g),
      `${name} contains a credential`,
    ).toBeNull()
    const unredacted = [
      ...text.matchAll(
        /(?:[?&;]|&amp;|\b)(code|access_token|refresh_token|id_token|client_secret|code_verifier|password)=(?!\[REDACTED\]|%5BREDACTED%5D)([^&\s"'<]{6,})/g,
      ),
      ...text.matchAll(
        /\\?"(access_token|refresh_token|id_token|code|client_secret)\\?"\s*:\s*\\?"(?!\[REDACTED\])([^"\\]{6,})/g,
      ),
    ].map((match) => `${match[1]}=${match[2]}`)
    expect(unredacted, `${name} has unredacted values`).toEqual([])
  }
})

let browser: Browser | undefined
afterAll(() => browser?.close())

it('opens from file:// in Chromium, filters and searches, and fetches nothing', { timeout: 60_000 }, async () => {
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
  const { page, requests, errors } = await openReportPage(browser, out)

  await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('Not conformant')
  const total = await page.getByTestId('check').count()
  expect(total).toBeGreaterThan(20)
  await expect.poll(() => page.getByTestId('shown-count').textContent()).toBe(`${total} of ${total} checks`)

  // Only the failures.
  for (const outcome of ['error', 'warning', 'waived', 'passed', 'skipped'])
    await page.getByTestId(`filter-outcome-${outcome}`).uncheck()
  const failed = page.locator('[data-testid=check]:not(.hidden)')
  expect(await failed.count()).toBeGreaterThan(0)
  for (const outcome of await failed.evaluateAll((nodes) =>
    nodes.map((node) => (node as HTMLElement).dataset.outcome),
  )) {
    expect(outcome).toBe('failed')
  }

  // Search by id across every outcome.
  for (const outcome of ['error', 'warning', 'waived', 'passed', 'skipped'])
    await page.getByTestId(`filter-outcome-${outcome}`).check()
  await page.getByTestId('filter-search').fill('token.form-encoding')
  await expect.poll(() => page.locator('[data-testid=check]:not(.hidden)').count()).toBe(1)
  const finding = page.locator('[data-testid=check]:not(.hidden)')
  await finding.locator('summary').click()
  await expect.poll(() => finding.getAttribute('open')).not.toBeNull()
  expect(await finding.locator('a[href*="rfc6749"]').count()).toBeGreaterThan(0)
  expect(await finding.getByTestId('exchange').count()).toBeGreaterThan(0)

  // Area filter.
  await page.getByTestId('filter-search').fill('')
  await page.getByTestId('filter-area').selectOption('discovery')
  const areas = await page
    .locator('[data-testid=check]:not(.hidden)')
    .evaluateAll((nodes) => [...new Set(nodes.map((node) => (node as HTMLElement).dataset.area))])
  expect(areas).toEqual(['discovery'])

  const text = (await page.locator('body').textContent()) ?? ''
  for (const secret of secrets) expect(text).not.toContain(secret)
  expect(errors).toEqual([])
  expect(requests.filter((url) => !url.startsWith('file://'))).toEqual([])
})
