// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${…} is the target file's placeholder syntax, not a template string.
/**
 * `codeflow run` and `codeflow checks`, in process through main(): the exit codes (0 conformant,
 * 1 a failed MUST, 2 the run failed) and the messages that say what went wrong and where.
 * The direct engine keeps these fast; the vitest engine is exercised end to end in
 * test/e2e/suite-mock-idp.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { createMockIdp } from '../../mock-idp/index.js'
import { codeflow, tempDir, writeJson } from './test-support/run-cli.js'

it('exits 0 against the embedded mock IdP and writes report.json where it says', { timeout: 60_000 }, async () => {
  const out = join(tempDir(), 'run')
  const result = await codeflow('run', '--engine', 'direct', '--only', 'discovery', '--out', out)
  expect(result.stderr).toContain('running against the embedded mock IdP')
  expect(result.code, result.stdout + result.stderr).toBe(0)
  expect(result.stdout).toContain(`${out}/report.json`)
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
  expect(report).toMatchObject({ schemaVersion: 1, conformant: true, target: { name: 'codeflow-mock-idp' } })
  expect(report.checks.every((check: { area: string }) => check.area === 'discovery')).toBe(true)
})

it('exits 1 when a MUST fails, and lists the failed check with its spec', { timeout: 60_000 }, async () => {
  // The mock accepts code_challenge_method=plain; the target's policy forbids it.
  const idp = await createMockIdp({ log: { level: 'silent' }, pkce: { allowPlain: true } })
  try {
    const dir = tempDir()
    const file = writeJson(dir, 'target.json', { ...idp.targetFile(), policy: { pkce_plain: 'forbid' } })
    const result = await codeflow(
      'run',
      '--engine',
      'direct',
      '--target',
      file,
      '--only',
      'pkce',
      '--out',
      join(dir, 'out'),
    )
    expect(result.code, result.stdout + result.stderr).toBe(1)
    expect(result.stdout).toContain('NOT conformant')
    expect(result.stdout).toMatch(/✗ pkce\.\S+ \[MUST\] .*RFC7636/)
  } finally {
    await idp.close()
  }
})

it('exits 2 for a user with a wrong password: the run is incomplete, never conformant, and says why once', {
  timeout: 60_000,
}, async () => {
  const idp = await createMockIdp({ log: { level: 'silent' } })
  try {
    const dir = tempDir()
    const target = idp.targetFile()
    const file = writeJson(dir, 'target.json', {
      ...target,
      users: target.users.map((user) => ({ ...user, password: 'not-the-password' })),
    })
    const out = join(dir, 'out')
    const result = await codeflow('run', '--engine', 'direct', '--target', file, '--out', out)
    expect(result.code, result.stdout + result.stderr).toBe(2)
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
    expect(report).toMatchObject({ conformant: false, incomplete: true })
    expect(report.summary.error).toBeGreaterThan(10)
    // One root cause, the preflight's login, blocking every check: never one error per check.
    expect(report.rootCauses.map((cause: { id: string }) => cause.id)).toEqual(['preflight'])
    expect(report.rootCauses[0].message).toContain('check users[0].password')
    expect(report.rootCauses[0].blocked).toHaveLength(report.checks.length)
    const summary = readFileSync(join(out, 'summary.md'), 'utf8')
    expect(summary).not.toContain('✅')
    expect(summary).toContain('incomplete')
    const [headline, ...rest] = result.stdout.split('\n')
    expect(headline).toMatch(/ error — INCOMPLETE, not conformant$/)
    // Each root cause once, with its count, instead of one line per check in error.
    for (const cause of report.rootCauses as Array<{ id: string; blocked: string[] }>)
      expect(rest.filter((line) => line.includes(`[${cause.id}] blocked ${cause.blocked.length} check`))).toHaveLength(
        1,
      )
    expect(rest.filter((line) => /^ {2}! /.test(line))).toEqual([])
    expect(result.stdout).not.toContain('undefined')
  } finally {
    await idp.close()
  }
})

it('exits 2 for a target file that is not valid, naming the file and the path', async () => {
  const dir = tempDir()
  const file = writeJson(dir, 'bad.json', { name: 'x', issuer: 'nope', clients: [], users: [] })
  const result = await codeflow('run', '--target', file, '--out', join(dir, 'out'))
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(`target file (${file})`)
  expect(result.stderr).toContain('issuer: must be an absolute URL')
  expect(existsSync(join(dir, 'out'))).toBe(false)
})

it('exits 2 for a target file that does not exist or references an unset variable', async () => {
  const dir = tempDir()
  const missing = await codeflow('run', '--target', join(dir, 'missing.json'))
  expect(missing.code).toBe(2)
  expect(missing.stderr).toContain(`Cannot read target file "${join(dir, 'missing.json')}"`)

  const file = writeJson(dir, 'env.json', {
    name: 'x',
    issuer: 'http://127.0.0.1:9',
    clients: [
      { client_id: 'c', client_secret: '${CODEFLOW_TEST_UNSET_SECRET}', redirect_uris: ['http://localhost/cb'] },
    ],
    users: [{ username: 'u', password: 'p' }],
  })
  const unset = await codeflow('run', '--target', file)
  expect(unset.code).toBe(2)
  expect(unset.stderr).toContain('clients[0].client_secret: environment variable CODEFLOW_TEST_UNSET_SECRET is not set')
})

it('exits 2 fast for an unreachable target, saying what was tried', { timeout: 30_000 }, async () => {
  const port = await closedPort()
  const dir = tempDir()
  const file = writeJson(dir, 'down.json', {
    name: 'down',
    issuer: `http://127.0.0.1:${port}`,
    clients: [{ client_id: 'c', client_secret: 'secret', redirect_uris: ['http://localhost/cb'] }],
    users: [{ username: 'u', password: 'p' }],
  })
  const result = await codeflow('run', '--target', file, '--out', join(dir, 'out'))
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(`tried GET http://127.0.0.1:${port}/.well-known/openid-configuration`)
  expect(result.stderr).toContain('ECONNREFUSED')
})

it('exits 2 when --only selects no check, and for a malformed --shard', async () => {
  expect((await codeflow('run', '--only', 'no-such-area')).code).toBe(2)
  const shard = await codeflow('run', '--shard', '3/2')
  expect(shard.code).toBe(2)
  expect(shard.stderr).toContain('must be i/n')
})

it('lists the catalog as a table and as JSON', async () => {
  const table = await codeflow('checks', '--only', 'discovery')
  expect(table.code).toBe(0)
  expect(table.stdout).toMatch(/^disc\.issuer-exact\s+MUST\s+discovery\s+OIDCD-4\.3/m)
  const json = await codeflow('checks', '--json')
  const parsed = JSON.parse(json.stdout) as { checks: Array<{ id: string; tags: string[] }>; notApplicable: unknown[] }
  expect(parsed.checks.find((check) => check.id === 'disc.issuer-exact')?.tags).toEqual([
    'MUST',
    'OIDCD',
    'RFC8414',
    'area:discovery',
  ])
  expect(Array.isArray(parsed.notApplicable)).toBe(true)
})

it('lists the client checks with --client, and refuses a selector that matches none', async () => {
  const table = await codeflow('checks', '--client', '--only', 'client.id-token')
  expect(table.code).toBe(0)
  expect(table.stdout).toMatch(/^client\.id-token\.aud-other-client\s+MUST\s+must-reject\s+Rejects/m)
  expect(table.stdout).not.toContain('client.requests.')
  const json = JSON.parse((await codeflow('checks', '--client', '--json')).stdout) as {
    checks: Array<{ id: string; oidf: string | null; arms: string }>
  }
  expect(json.checks.find((check) => check.id === 'client.id-token.aud-other-client')).toMatchObject({
    oidf: 'rp-id_token-aud',
    arms: expect.stringContaining('id-token-aud-other-client'),
  })
  const unknown = await codeflow('checks', '--client', '--only', 'client.nope')
  expect(unknown.code).toBe(2)
  expect(unknown.stderr).toContain('client.nope')
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

it('runs the suite --repeat times, each run in run-<i>/, and lists in repeat.json what changed', {
  timeout: 120_000,
}, async () => {
  const out = join(tempDir(), 'repeat')
  const result = await codeflow('run', '--engine', 'direct', '--only', 'discovery', '--repeat', '2', '--out', out)
  expect(result.code, result.stdout + result.stderr).toBe(0)
  for (const run of ['run-1', 'run-2']) {
    const report = JSON.parse(readFileSync(join(out, run, 'report.json'), 'utf8'))
    expect(report.checks.length).toBeGreaterThan(3)
  }
  const repeat = JSON.parse(readFileSync(join(out, 'repeat.json'), 'utf8'))
  expect(repeat).toEqual({ runs: 2, exitCodes: [0, 0], changed: [] })
  expect(result.stdout).toContain('repeat: 2 runs (exit codes 0, 0); every check had the same verdict in every run')
})

it('prints a setup that failed once, with the number of checks it stopped, not once per check', {
  timeout: 60_000,
}, async () => {
  const idp = await createMockIdp({ log: { level: 'silent' } })
  try {
    const dir = tempDir()
    const target = idp.targetFile()
    const file = writeJson(dir, 'target.json', {
      ...target,
      users: target.users.map((user) => ({ ...user, password: 'not-the-password' })),
    })
    const result = await codeflow(
      'run',
      '--engine',
      'direct',
      '--target',
      file,
      '--only',
      'code',
      '--out',
      join(dir, 'out'),
    )
    expect(result.code, result.stdout + result.stderr).toBe(2)
    // One headline saying the run is incomplete, then each root cause once.
    const causes = result.stdout.split('\n').filter((line) => /^ {2}⛔ .* \[[^\]]+\] /.test(line))
    expect(causes).toHaveLength(1)
    expect(causes[0]).toMatch(
      /^ {2}⛔ preflight: prove the suite can drive the target .*\[preflight\] blocked \d+ checks?: login as client \S+, user \S+: the login page was shown again after submitting the password/,
    )
  } finally {
    await idp.close()
  }
})
