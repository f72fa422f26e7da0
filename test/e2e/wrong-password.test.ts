/**
 * A wrong password in the target file, against the page shapes real providers answer it with
 * (docs/page-variants.md): the same login page with 200 or with 400, the password page of a
 * two-step login, pages at the authorization URL, a JSON login API answering 401. `codeflow run`
 * (in process) stops at the preflight every time: exit 2, a report that is not conformant, and a
 * single root cause naming what to fix — never one error per check.
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { createMockIdp, type MockIdpConfigInput } from '../../mock-idp/index.js'
import { codeflow, tempDir, writeJson } from '../../src/cli/test-support/run-cli.js'

const MODULE = fileURLToPath(new URL('../support/mock-json-api-login.ts', import.meta.url))

const VARIANTS: Array<{ name: string; config: MockIdpConfigInput; login?: unknown; says: string }> = [
  { name: 'the login page again, 200', config: {}, says: 'check users[0].password' },
  {
    name: 'the login page again, 400',
    config: { pages: { wrongPassword: 'status' } },
    says: 'check users[0].password',
  },
  {
    name: 'the password page of a two-step login again, 400',
    config: { pages: { loginSteps: 'two', wrongPassword: 'status' } },
    says: 'check users[0].password',
  },
  {
    name: 'the login page at the authorization URL again, with a server failing overlapping requests',
    config: { pages: { sameUrl: true, loginSteps: 'two' }, server: { overlap: 'fail' } },
    says: 'check users[0].password',
  },
  {
    name: 'a JSON login API answering 401, with the module driver',
    config: { pages: { loginApp: 'json-api' } },
    login: { driver: 'module', module: MODULE },
    says: 'the login API refused the password of user',
  },
]

it.each(VARIANTS)(
  'stops at the preflight on a wrong password ($name): exit 2, not conformant, one root cause',
  {
    timeout: 60_000,
  },
  async ({ config, login, says }) => {
    const idp = await createMockIdp({ log: { level: 'silent' }, ...config })
    try {
      const dir = tempDir()
      const printed = idp.targetFile()
      const file = writeJson(dir, 'target.json', {
        ...printed,
        ...(login ? { login } : {}),
        users: printed.users.map((user) => ({ ...user, password: 'not-the-password' })),
      })
      const out = join(dir, 'out')
      const result = await codeflow('run', '--engine', 'direct', '--target', file, '--out', out)
      expect(result.code, result.stdout + result.stderr).toBe(2)
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'))
      expect(report).toMatchObject({ conformant: false, incomplete: true })
      expect(report.rootCauses.map((cause: { id: string }) => cause.id)).toEqual(['preflight'])
      expect(report.rootCauses[0].message).toContain(says)
      expect(report.summary.error).toBe(report.checks.length)
      expect(result.stderr.trimEnd().split('\n')).toHaveLength(1)
      expect(result.stdout + result.stderr).not.toContain('not-the-password')
    } finally {
      await idp.close()
    }
  },
)
