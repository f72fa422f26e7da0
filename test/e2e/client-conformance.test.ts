/**
 * `codeflow client` end to end, from the sources: a small openid-client web app
 * (test/e2e/client-app/oidc-app.mjs) started by the runner on a free port and signed in through the
 * embedded mock IdP once per client check; then the same app with its ID token and
 * authorization-response validation switched off, asserted to fail exactly the checks it should.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createMockIdp } from '../../mock-idp/index.js'
import { parseReport } from '../../reports/parse-report.js'

const APP_DIR = 'test/e2e/client-app'
const work = mkdtempSync(join(tmpdir(), 'codeflow-client-e2e-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function codeflowClient(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'client', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
    })
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

function outcomes(dir: string): Record<string, string> {
  const report = parseReport(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')))
  return Object.fromEntries(report.checks.map((check) => [check.id, check.outcome]))
}

it('passes every must-reject check openid-client enforces, with the findings that are real flaws of the library', async () => {
  const out = join(work, 'careful')
  const run = await codeflowClient(['--client-target', `${APP_DIR}/client-target.json`, '--out', out])
  expect(run.stderr).toBe('')
  expect(run.code).toBe(0)
  const report = parseReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))
  expect(report.kind).toBe('client')
  expect(report.incomplete).toBe(false)
  const byOutcome = (outcome: string) =>
    report.checks.filter((check) => check.outcome === outcome).map((check) => check.id)
  expect(byOutcome('failed')).toEqual([])
  expect(byOutcome('error')).toEqual([])
  // openid-client v6 checks neither azp against its client_id when aud is a single value (OIDC Core
  // §3.1.3.7 step 5: SHOULD) nor an iat in the future (step 10: "can be used to reject").
  expect(byOutcome('warning').sort()).toEqual(['client.id-token.azp-other-client', 'client.id-token.iat-in-future'])
  const result = outcomes(out)
  for (const id of [
    'client.id-token.aud-other-client',
    'client.id-token.iss-trailing-slash',
    'client.id-token.expired',
    'client.id-token.nonce-mismatch',
    'client.id-token.nonce-omitted',
    'client.id-token.crit-header',
    'client.authorization-response.state-dropped',
    'client.authorization-response.iss-wrong',
    'client.authorization-response.iss-omitted',
    'client.userinfo.sub-differs',
    'client.discovery.issuer-mismatch',
    'client.keys.rotation-followed',
    'client.keys.several-keys-accepted',
    'client.token-response.slow-endpoint-tolerated',
    'client.requests.pkce-s256',
    'client.requests.redirect-uri-exact',
    'client.requests.registered-auth-method',
  ])
    expect(result[id], id).toBe('passed')
  expect(result['client.authorization-response.state-invented']).toBe('skipped')
  for (const file of ['junit.xml', 'report.html', 'summary.md']) expect(readdirSync(out)).toContain(file)
}, 180_000)

it('fails a careless client on exactly the checks it skips, by id, and keeps its secret out of every report', async () => {
  const out = join(work, 'careless')
  const secret = 'careless-secret-0123456789-abcdefghij'
  const run = await codeflowClient(
    [
      '--client-target',
      `${APP_DIR}/careless-client-target.json`,
      '--out',
      out,
      '--only',
      'client.id-token,client.authorization-response,client.keys.rotation-followed,client.requests',
    ],
    { CARELESS_APP_SECRET: secret },
  )
  expect(run.code).toBe(1)
  const result = outcomes(out)
  const failed = Object.entries(result)
    .filter(([, outcome]) => outcome === 'failed')
    .map(([id]) => id)
    .sort()
  expect(failed).toEqual([
    'client.authorization-response.iss-omitted',
    'client.authorization-response.iss-wrong',
    'client.id-token.aud-other-client',
    'client.id-token.crit-header',
    'client.id-token.expired',
    'client.id-token.iss-trailing-slash',
    'client.id-token.nonce-mismatch',
    'client.id-token.nonce-omitted',
  ])
  // A JWE is no JWT to it (it cannot even read the claims), and it compares state, so those pass; it never fetches the JWK Set, so a rotation is no event for it.
  expect(result['client.id-token.encrypted-unasked']).toBe('passed')
  expect(result['client.authorization-response.state-dropped']).toBe('passed')
  expect(result['client.keys.rotation-followed']).toBe('passed')
  for (const file of readdirSync(out)) expect(readFileSync(join(out, file), 'utf8'), file).not.toContain(secret)
}, 180_000)

it('stops at a failed normal sign-in with one root cause, every check in error and exit code 2', async () => {
  const target = JSON.parse(readFileSync(`${APP_DIR}/client-target.json`, 'utf8')) as Record<string, unknown>
  target.outcome = { success: { text: 'a page this app never shows' } }
  const file = join(work, 'never-signed-in.json')
  writeFileSync(
    file,
    JSON.stringify({ ...target, app: { ...(target.app as object), cwd: join(process.cwd(), APP_DIR) } }),
  )
  const out = join(work, 'baseline-failed')
  const run = await codeflowClient(['--client-target', file, '--out', out, '--only', 'client.id-token'])
  expect(run.code).toBe(2)
  const report = parseReport(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')))
  expect(report.incomplete).toBe(true)
  expect(report.rootCauses.map((cause) => cause.id)).toEqual(['client:baseline-sign-in'])
  expect(report.rootCauses[0]!.message).toContain('the normal sign-in failed')
  expect(new Set(report.checks.map((check) => check.outcome))).toEqual(new Set(['error']))
}, 120_000)

it('names the path of a bad key in the client target file, with the closest known key, and exits 2', async () => {
  const file = join(work, 'typo.json')
  writeFileSync(
    file,
    JSON.stringify({
      name: 'x',
      client: { redirect_uris: ['http://127.0.0.1/cb'] },
      signIn: { strat: 'x' },
      outcome: { success: { status: 200 } },
    }),
  )
  const run = await codeflowClient(['--client-target', file])
  expect(run.code).toBe(2)
  expect(run.stderr).toContain('signIn: unknown key(s) strat (did you mean "start"?)')
  expect(run.stderr).not.toMatch(/\n\s+at /)
}, 60_000)

it('drives a running mock IdP through its control API with --issuer, and removes the issuers it added', async () => {
  const idp = await createMockIdp({ control: { enabled: true } })
  try {
    const out = join(work, 'remote')
    const run = await codeflowClient([
      '--client-target',
      `${APP_DIR}/client-target.json`,
      '--issuer',
      idp.url,
      '--out',
      out,
      '--only',
      'client.id-token.aud-other-client,client.authorization-response.iss-wrong,client.requests.pkce-s256',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(outcomes(out)).toEqual({
      'client.id-token.aud-other-client': 'passed',
      'client.authorization-response.iss-wrong': 'passed',
      'client.requests.pkce-s256': 'passed',
    })
    const issuers = (await (await fetch(`${idp.url}/_codeflow/issuers`)).json()) as unknown[]
    expect(issuers).toEqual([])
  } finally {
    await idp.close()
  }
}, 120_000)
