/**
 * `codeflow doctor`: the preflight printed step by step. Against the mock IdP (real pages, real
 * port): everything fine (exit 0); a wrong password for the second user and a login selector
 * that matches nothing (exit 2, the step where it went wrong, the selectors that would match).
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { codeflow, tempDir, writeJson } from './test-support/run-cli.js'

let idp: MockIdp

beforeAll(async () => {
  idp = await createMockIdp({ log: { level: 'silent' } })
})

afterAll(async () => {
  await idp?.close()
})

type TargetFileJson = ReturnType<MockIdp['targetFile']> & { users: Array<{ password: string }> }

function targetFile(edit: (file: TargetFileJson) => void = () => {}): string {
  const file = structuredClone(idp.targetFile()) as TargetFileJson
  edit(file)
  return writeJson(tempDir(), 'target.json', file)
}

it('exits 0 and shows discovery, the JWK Set and each login page by page when the suite can drive the target', {
  timeout: 60_000,
}, async () => {
  const result = await codeflow('doctor', '--target', targetFile())
  expect(result.code, result.stdout + result.stderr).toBe(0)
  expect(result.stdout).toMatch(
    /^✓ discovery: GET http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration → 200/m,
  )
  expect(result.stdout).toMatch(/^✓ JWK Set: GET .* → 200, \d+ keys?$/m)
  expect(result.stdout).toMatch(
    /^ {4}2\. GET http:\/\/127\.0\.0\.1:\d+\/login\?interaction=\S+ → 200 "Sign in[^"]*": login page$/m,
  )
  expect(result.stdout).toContain('✓ login.form form[data-testid=login-form] (target file)')
  expect(result.stdout).toContain('→ approved (button[data-testid="consent-approve"] "Allow")')
  expect(result.stdout).toMatch(
    /→ captured the redirect back to the client: https:\/\/client\.example\.org\/cb\?code=%5BREDACTED%5D/,
  )
  expect(result.stdout).toMatch(/^✓ login: clients\[4\] codeflow-tenant, users\[0\] alice: redirect → login page/m)
  expect(result.stdout).toMatch(/^✓ login: clients\[0\] s6BhdRkqt3, users\[1\] bob: /m)
  expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('All good: the suite can drive codeflow-mock-idp.')
})

it('exits 2 on a wrong password, saying which user setting to check and what the page said', {
  timeout: 60_000,
}, async () => {
  const result = await codeflow(
    'doctor',
    '--target',
    targetFile((file) => {
      file.users[1]!.password = 'not-the-password'
    }),
  )
  expect(result.code).toBe(2)
  expect(result.stdout).toContain('✗ login: clients[0] s6BhdRkqt3, users[1] bob')
  expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(
    /^Problem: login as client s6BhdRkqt3, user bob: the login page was shown again after submitting the password for user bob: check users\[1\]\.password \(the page says: ".+"\)$/,
  )
  expect(result.stdout).not.toContain('not-the-password')
})

it('exits 2 when a selector matches nothing, listing the elements of the page that would match instead', {
  timeout: 60_000,
}, async () => {
  const result = await codeflow(
    'doctor',
    '--target',
    targetFile((file) => {
      file.login = { driver: 'form', form: 'form#login' }
    }),
  )
  expect(result.code).toBe(2)
  expect(result.stdout).toContain(
    '✗ login.form form#login (target file) matched nothing; the page has: form[data-testid="login-form"]',
  )
  expect(result.stdout).toMatch(/the page has: form\[data-testid="login-form"\], input#username, input#password/)
  expect(result.stdout).toMatch(/^Problem: .*login\.form "form#login" matched nothing/m)
})

it('exits 2 for an unreachable target, saying what was tried', { timeout: 60_000 }, async () => {
  const port = await closedPort()
  const file = writeJson(tempDir(), 'down.json', {
    name: 'down',
    issuer: `http://127.0.0.1:${port}`,
    clients: [{ client_id: 'c', client_secret: 'secret', redirect_uris: ['http://localhost/cb'] }],
    users: [{ username: 'u', password: 'p' }],
  })
  const result = await codeflow('doctor', '--target', file)
  expect(result.code).toBe(2)
  const tried = `the target is unreachable: tried GET http://127.0.0.1:${port}/.well-known/openid-configuration and got ECONNREFUSED`
  expect(result.stdout).toContain(`✗ discovery: ${tried}`)
  expect(result.stdout).toContain(`Problem: ${tried}`)
})

it('codeflow run stops at the preflight on a wrong password: exit 2, one message, reports with the preflight as the one root cause', {
  timeout: 60_000,
}, async () => {
  const out = join(tempDir(), 'out')
  const file = targetFile((target) => {
    target.users[0]!.password = 'not-the-password'
  })
  const result = await codeflow('run', '--engine', 'direct', '--target', file, '--out', out)
  expect(result.code).toBe(2)
  expect(result.stderr.trimEnd().split('\n')).toEqual([
    expect.stringMatching(
      /^codeflow: \S+target\.json \(http:\/\/127\.0\.0\.1:\d+\): login as client s6BhdRkqt3, user alice: the login page was shown again after submitting the password for user alice: check users\[0\]\.password .*\(run "codeflow doctor --target \S+target\.json" to see each step\)$/,
    ),
  ])
  // No check ran; the report says so once, with the preflight as the cause of every error.
  expect(result.stdout).toContain('INCOMPLETE, not conformant')
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  expect(report.conformant).toBe(false)
  expect(report.incomplete).toBe(true)
  expect(report.rootCauses).toHaveLength(1)
  expect(report.rootCauses[0].id).toBe('preflight')
  expect(report.rootCauses[0].message).toContain('check users[0].password')
  expect(report.rootCauses[0].exchanges.length).toBeGreaterThan(0)
  expect(report.summary.error).toBe(report.checks.length)
  expect(report.checks.every((check: { rootCause?: string }) => check.rootCause === 'preflight')).toBe(true)
})

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
