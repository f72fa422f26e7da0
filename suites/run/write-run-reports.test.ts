import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { SuiteRun } from '../../reports/run-result.js'
import { parseTargetFile } from '../harness/target.js'
import { writeRunReports } from './write-run-reports.js'

const tempDir = () => mkdtempSync(join(tmpdir(), 'codeflow-write-run-'))

const target = (name: string) =>
  parseTargetFile({
    name,
    issuer: `https://${name}.example`,
    clients: [{ client_id: 'c', client_secret: 'secret-value', redirect_uris: ['https://client.example/cb'] }],
    users: [{ username: 'u', password: 'password-value' }],
  })

const emptyRun = (name: string): SuiteRun => ({
  target: { name, issuer: `https://${name}.example` },
  startedAt: '2026-11-25T10:00:00.000Z',
  finishedAt: '2026-11-25T10:00:01.000Z',
  results: [],
  rootCauses: [],
  robustness: [],
})

it("makes a target's report incomplete when a run error names it or names no target", () => {
  const out = tempDir()
  const written = writeRunReports(
    [
      { run: emptyRun('alpha'), target: target('alpha'), label: 'alpha' },
      { run: emptyRun('beta'), target: target('beta'), label: 'beta-2' },
    ],
    out,
    { runErrors: ['beta-2: area token: beforeAll timed out'] },
  )
  expect(written.map(({ report }) => report.incomplete)).toEqual([false, true])
  expect(written[1]!.report.rootCauses).toEqual([
    expect.objectContaining({ id: 'run:stopped', message: 'beta-2: area token: beforeAll timed out', blocked: [] }),
  ])
  const onDisk = JSON.parse(readFileSync(join(out, 'beta-2', 'report.json'), 'utf8'))
  expect(onDisk).toMatchObject({ conformant: false, incomplete: true })

  const interrupted = writeRunReports(
    [
      { run: emptyRun('alpha'), target: target('alpha'), label: 'alpha' },
      { run: emptyRun('beta'), target: target('beta'), label: 'beta-2' },
    ],
    tempDir(),
    { runErrors: ['the run was interrupted'] },
  )
  expect(interrupted.map(({ report }) => report.incomplete)).toEqual([true, true])
})
