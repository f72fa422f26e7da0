/**
 * `codeflow run` (the default vitest engine, a real child process) against the embedded mock IdP
 * with a wrong password in the target file: nothing behind the login can be judged, so the run
 * is incomplete — exit 2, `conformant: false` and `incomplete: true` in report.json, and no ✅
 * in summary.md — never "conformant". And the HTML page of an incomplete run in Chromium: the
 * root cause first, its screenshot shown from the page itself, nothing fetched.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { buildReport } from '../../reports/build-report.js'
import { incompleteRun } from '../../reports/test-support/fixture-run.js'
import { writeReports } from '../../reports/write-reports.js'
import { CHROMIUM_ARGS, requireChromium } from '../../suites/drivers/find-chromium.js'
import { openReportPage } from '../support/report-page.js'

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

const exec = promisify(execFile)

it('exits 2 and writes an incomplete, non-conformant report for a user whose password is wrong', {
  timeout: 240_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-incomplete-'))
  const target = idp.targetFile()
  const file = join(dir, 'target.json')
  writeFileSync(
    file,
    JSON.stringify({ ...target, users: target.users.map((user) => ({ ...user, password: 'not-the-password' })) }),
  )
  const out = join(dir, 'out')
  let code = 0
  let stdout = ''
  let stderr = ''
  try {
    ;({ stdout, stderr } = await exec(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'run', '--target', file, '--out', out],
      { env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 },
    ))
  } catch (error) {
    ;({ code, stdout, stderr } = error as { code: number; stdout: string; stderr: string })
  }
  expect(code, stdout + stderr).toBe(2)
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  expect(report).toMatchObject({ conformant: false, incomplete: true })
  expect(report.summary.error).toBeGreaterThan(0)
  expect(report.rootCauses.length).toBeGreaterThan(0)
  const summary = readFileSync(join(out, 'summary.md'), 'utf8')
  expect(summary).not.toContain('✅')
  expect(summary).toContain('incomplete')
  expect(stdout).toContain('INCOMPLETE, not conformant')
  expect(stdout).not.toMatch(/— conformant$/m)
})

let browser: Browser | undefined
afterAll(() => browser?.close())

it('shows the root cause at the top of the page with its screenshot embedded, and fetches nothing', {
  timeout: 60_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'codeflow-incomplete-html-'))
  const screenshot = join(dir, 'login.png')
  // A valid 1×1 PNG, as the browser driver would leave a (larger) one.
  writeFileSync(
    screenshot,
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ),
  )
  const out = join(dir, 'out')
  writeReports(buildReport(incompleteRun({ artifacts: { screenshot } }), { toolVersion: 'test' }), out, {})

  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS })
  const { page, requests, errors } = await openReportPage(browser, out)

  await expect.poll(() => page.getByTestId('verdict').textContent()).toBe('Incomplete — not conformant')
  const cause = page.getByTestId('root-cause')
  expect(await cause.count()).toBe(1)
  expect(await cause.getByTestId('root-cause-blocked').textContent()).toBe('Blocked 124 checks after 3 attempts.')
  const image = cause.locator('img')
  await expect.poll(() => image.evaluate((node) => (node as HTMLImageElement).naturalWidth)).toBe(1)
  // The section comes before the first check.
  const order = await page.evaluate(() => {
    const section = document.querySelector('[data-testid=root-causes]')!
    const check = document.querySelector('[data-testid=check]')!
    return section.compareDocumentPosition(check) & Node.DOCUMENT_POSITION_FOLLOWING
  })
  expect(order).toBeGreaterThan(0)
  // A check in error links to its cause.
  const errored = page.locator('[data-testid=check][data-outcome=error]').first()
  await errored.locator('summary').click()
  await errored.locator('a[href="#cause-gather-happy-flow"]').click()
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#cause-gather-happy-flow')

  expect(errors).toEqual([])
  expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([])
})
