/**
 * `codeflow run` (the default vitest engine, a real child process) against the embedded mock IdP
 * with a wrong password in the target file: nothing behind the login can be judged, so the run
 * is incomplete — exit 2, `conformant: false` and `incomplete: true` in report.json, and no ✅
 * in summary.md — never "conformant".
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'

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
