/**
 * Gating in CI: `--baseline` waivers, `codeflow compare` on two real runs (the mock IdP with and
 * without a deliberate defect), `codeflow baseline`, `codeflow report` re-rendering.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { XMLValidator } from 'fast-xml-parser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp, type MockIdp } from '../../mock-idp/index.js'
import { codeflow, tempDir, writeJson } from './test-support/run-cli.js'

// The integration guide's erratum turned on: the mock accepts a JSON-labelled token request, which
// `token.form-encoding` must catch (RFC 6749 §4.1.3, a MUST).
let lax: MockIdp
let strict: MockIdp
const dir = tempDir()
let laxTarget: string
let strictTarget: string

beforeAll(async () => {
  lax = await createMockIdp({ log: { level: 'silent' }, errata: { acceptJsonContentType: true } })
  strict = await createMockIdp({ log: { level: 'silent' } })
  laxTarget = writeJson(dir, 'lax.json', { ...lax.targetFile(), name: 'same-op' })
  strictTarget = writeJson(dir, 'strict.json', { ...strict.targetFile(), name: 'same-op' })
})
afterAll(async () => {
  await lax.close()
  await strict.close()
})

const run = (target: string, out: string, ...extra: string[]) =>
  codeflow(
    'run',
    '--engine',
    'direct',
    '--target',
    target,
    '--only',
    'token.form-encoding,disc.issuer-exact',
    '--out',
    out,
    ...extra,
  )

it('fails the gate on the defect, and passes it once the finding is waived', { timeout: 60_000 }, async () => {
  const plain = await run(laxTarget, join(dir, 'lax-run'))
  expect(plain.code, plain.stdout + plain.stderr).toBe(1)
  expect(plain.stdout).toContain('token.form-encoding')

  const waivers = writeJson(dir, 'waivers.json', {
    waivers: [
      { check: 'token.form-encoding', reason: 'legacy clients, removal planned', expires: '2999-12-31' },
      { check: 'idt.iss', reason: 'fixed long ago' },
    ],
  })
  const waived = await run(laxTarget, join(dir, 'lax-waived'), '--baseline', waivers)
  expect(waived.code, waived.stdout + waived.stderr).toBe(0)
  const report = JSON.parse(readFileSync(join(dir, 'lax-waived', 'report.json'), 'utf8'))
  expect(report.checks.find((check: { id: string }) => check.id === 'token.form-encoding')).toMatchObject({
    outcome: 'waived',
    waiver: { reason: 'legacy clients, removal planned', originalOutcome: 'failed' },
  })
  expect(report.baseline.stale).toEqual([{ check: 'idt.iss', reason: 'fixed long ago' }])
})

it('fails again when the waiver has expired', { timeout: 60_000 }, async () => {
  const waivers = writeJson(dir, 'expired.json', {
    waivers: [{ check: 'token.form-encoding', reason: 'was temporary', expires: '2020-01-01' }],
  })
  const result = await run(laxTarget, join(dir, 'lax-expired'), '--baseline', waivers)
  expect(result.code).toBe(1)
  const report = JSON.parse(readFileSync(join(dir, 'lax-expired', 'report.json'), 'utf8'))
  expect(report.baseline.expired).toEqual([
    { check: 'token.form-encoding', reason: 'was temporary', expires: '2020-01-01' },
  ])
})

it('stops with exit 2 and names the file for a broken baseline', async () => {
  const bad = writeJson(dir, 'bad.json', { waivers: [{ check: 'x' }] })
  const result = await run(strictTarget, join(dir, 'never'), '--baseline', bad)
  expect(result.code).toBe(2)
  expect(result.stderr).toContain(bad)
  expect(result.stderr).toContain('reason')
})

it('compares two real runs: exit 1 on a regression, 0 when the change is a fix', { timeout: 60_000 }, async () => {
  expect((await run(strictTarget, join(dir, 'good'))).code).toBe(0)
  expect((await run(laxTarget, join(dir, 'bad'))).code).toBe(1)
  const good = join(dir, 'good', 'report.json')
  const bad = join(dir, 'bad', 'report.json')

  const regression = await codeflow('compare', good, bad)
  expect(regression.code).toBe(1)
  expect(regression.stdout).toMatch(/Regressions \(1\)\n {2}token\.form-encoding: passed → failed/)

  const fix = await codeflow('compare', bad, good, '--format', 'md')
  expect(fix.code).toBe(0)
  expect(fix.stdout).toContain('### Fixed (1)')
})

it('writes a baseline from a report that waives exactly its findings', { timeout: 60_000 }, async () => {
  await run(laxTarget, join(dir, 'for-baseline'))
  const result = await codeflow('baseline', join(dir, 'for-baseline', 'report.json'), '--expires', '2027-06-30')
  expect(result.code).toBe(0)
  const baseline = JSON.parse(result.stdout)
  expect(baseline.waivers).toHaveLength(1)
  expect(baseline.waivers[0]).toMatchObject({ check: 'token.form-encoding', expires: '2027-06-30' })
  expect((await codeflow('baseline', join(dir, 'for-baseline', 'report.json'), '--expires', 'soon')).code).toBe(2)
})

it('re-renders an old report as JUnit, Markdown or HTML, and refuses a file that is not a report', {
  timeout: 60_000,
}, async () => {
  await run(laxTarget, join(dir, 'render'))
  const report = join(dir, 'render', 'report.json')
  const junit = await codeflow('report', report, '--format', 'junit')
  expect(junit.code).toBe(0)
  expect(XMLValidator.validate(junit.stdout)).toBe(true)
  expect(junit.stdout).toContain('<failure')
  expect((await codeflow('report', report, '--format', 'md')).stdout).toContain('token.form-encoding')
  expect((await codeflow('report', report, '--format', 'html')).stdout).toContain('<!doctype html>')
  const notReport = writeJson(dir, 'not-a-report.json', { hello: 'world' })
  const refused = await codeflow('report', notReport)
  expect(refused.code).toBe(2)
  expect(refused.stderr).toContain('schemaVersion')
})
