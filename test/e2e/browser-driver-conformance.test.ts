// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * A small conformance selection with the browser login driver, against a provider whose login and
 * consent pages are served at the authorization URL itself, with a script-inserted login form,
 * slow assets and a deny button in its own form (test/support/same-url-provider.ts, in front of
 * the mock IdP): the happy path, a denied consent, and requests the server must refuse. Every
 * check gets a verdict; none ends in `error` (the suite could not drive the target). Once in
 * process, once through `codeflow run` as a user runs it (serial, one worker).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import type { Report } from '../../reports/schema.js'
import { checks, gatherers, selectChecks } from '../../suites/catalog.js'
import { runSuite } from '../../suites/harness/run-suite.js'
import { parseTargetFile } from '../../suites/harness/target.js'
import { requireChromium } from '../support/find-chromium.js'
import { type SameUrlProvider, startSameUrlProvider, upstreamConfig } from '../support/same-url-provider.js'
import { describeResults, withOutcome } from './suite-support.js'

const SELECTION = [
  'authz.code-happy-path',
  'authz.access-denied',
  'authz.redirect-uri-unregistered',
  'authz.redirect-uri-missing',
  'authz.client-id-unknown',
  'authz.response-type-missing',
  'authz.response-type-unknown',
]

const LOGIN = {
  driver: 'browser',
  steps: [
    { fill: '[data-testid=login-username]', value: '${username}' },
    { fill: '[data-testid=login-password]', value: '${password}' },
    { click: '[data-testid=login-submit]' },
  ],
  cancel: '[data-testid=login-cancel]',
  consent: {
    form: '[data-testid=consent-form]',
    submit: '[data-testid=consent-approve]',
    deny: '[data-testid=consent-deny]',
  },
}

let idp: MockIdp
let front: SameUrlProvider

beforeAll(async () => {
  idp = await createMockIdp(upstreamConfig())
  front = await startSameUrlProvider({
    upstreamAuthorize: `${idp.issuer}/oauth/authorize`,
    issuer: idp.issuer,
    users: idp.targetFile().users,
  })
})

afterAll(async () => {
  await front?.close()
  await idp?.close()
})

function targetFile() {
  return {
    ...idp.targetFile(),
    name: 'same-url-provider',
    endpoints: { authorization: front.authorizationEndpoint },
    login: LOGIN,
  }
}

it('gives every check of the selection a verdict, none an error, with the browser driver on same-URL pages', {
  timeout: 240_000,
}, async () => {
  requireChromium()
  const selected = selectChecks(checks, SELECTION)
  expect(selected.map((check) => check.id).sort()).toEqual([...SELECTION].sort())
  const run = await runSuite({ target: parseTargetFile(targetFile(), {}), checks: selected, gatherers, concurrency: 2 })
  expect(describeResults(withOutcome(run, 'error'))).toEqual([])
  const outcome = (id: string) => run.results.find((result) => result.id === id)?.outcome
  expect(outcome('authz.code-happy-path')).toBe('passed')
  expect(outcome('authz.access-denied')).toBe('passed')
  expect(front.served.get('login')).toBeGreaterThan(0)
  expect(front.served.get('consent')).toBeGreaterThan(0)
})

const exec = promisify(execFile)

it('runs the happy path and a denied consent through `codeflow run --concurrency 1 --workers 1` and exits 0', {
  timeout: 240_000,
}, async () => {
  requireChromium()
  const out = mkdtempSync(join(tmpdir(), 'codeflow-browser-run-'))
  const file = join(out, 'target.json')
  writeFileSync(file, JSON.stringify(targetFile()))
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'run', '-T', file, '--out', out]
  args.push('--only', 'authz.code-happy-path,authz.access-denied', '--concurrency', '1', '--workers', '1')
  const result = await exec(process.execPath, args, { env: { ...process.env, NO_COLOR: '1' }, timeout: 200_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  )
  try {
    expect(result.code, result.stderr + result.stdout).toBe(0)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report
    expect(report.checks.map((check) => `${check.id} ${check.outcome}`).sort()).toEqual([
      'authz.access-denied passed',
      'authz.code-happy-path passed',
    ])
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
})
