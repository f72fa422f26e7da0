/**
 * `codeflow client` with the browser sign-in driver (Chromium): the openid-client app of
 * test/e2e/client-app signed in through the mock's pages in a real browser, a refusal read from
 * the status of the page the browser ends on.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { parseReport } from '../../reports/parse-report.js'
import { findChromium } from '../../suites/drivers/find-chromium.js'

const work = mkdtempSync(join(tmpdir(), 'codeflow-client-browser-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

it('signs the app in through Chromium and reads both a refusal and a success', async () => {
  if (!findChromium()) throw new Error('Chromium is needed: apt-get install -y chromium, or set CODEFLOW_CHROMIUM')
  const target = JSON.parse(readFileSync('test/e2e/client-app/client-target.json', 'utf8'))
  target.signIn.driver = 'browser'
  target.app.cwd = resolve('test/e2e/client-app')
  const file = join(work, 'browser-target.json')
  writeFileSync(file, JSON.stringify(target))
  const out = join(work, 'out')
  const code = await new Promise<number>((done, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'client',
        '--client-target',
        file,
        '--out',
        out,
        '--only',
        'client.id-token.aud-other-client,client.id-token.unknown-claims-ignored,client.requests.pkce-s256',
      ],
      { stdio: 'ignore' },
    )
    child.once('error', reject)
    child.once('exit', (exitCode) => done(exitCode ?? -1))
  })
  expect(code).toBe(0)
  const report = parseReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))
  expect(Object.fromEntries(report.checks.map((check) => [check.id, check.outcome]))).toEqual({
    'client.id-token.aud-other-client': 'passed',
    'client.id-token.unknown-claims-ignored': 'passed',
    'client.requests.pkce-s256': 'passed',
  })
  const refused = report.checks.find((check) => check.id === 'client.id-token.aud-other-client')!
  expect(refused.actual).toMatchObject({ outcome: 'refused', finalPage: { status: 401 } })
  expect((refused.actual as { matched: string[] }).matched).toContain('status 401')
}, 120_000)
