import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { expect, it } from 'vitest'
import { packageRoot } from '../../../core/package-root.js'
import { loadTargetFile } from '../../harness/target.js'
import type { ProvidedRun } from '../provided.js'
import { MissingTargetError, ReportWritingReporter, vitestCliConfig } from './vitest-cli.js'
import { AREAS_DIR, conformanceConfig } from './vitest-config.js'

const target = {
  name: 'op',
  issuer: 'https://op.example.com',
  clients: [{ client_id: 'c1', client_secret: 'secret-1', redirect_uris: ['https://client.example.org/cb'] }],
  users: [{ username: 'alice', password: 'wonderland' }],
}

function targetFile(name = 'target.json'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'codeflow-vitest-cli-')), name)
  writeFileSync(file, JSON.stringify(target))
  return file
}

type Project = { test: { name: string; dir: string; provide: { codeflow: ProvidedRun } } }

function projects(config: ReturnType<typeof conformanceConfig>): Project[] {
  return config.test!.projects as unknown as Project[]
}

it('refuses to start without CODEFLOW_TARGET and says what to set', () => {
  expect(() => vitestCliConfig({})).toThrow(MissingTargetError)
  expect(() => vitestCliConfig({ CODEFLOW_TARGET: '' })).toThrow(/set CODEFLOW_TARGET to a target file/)
})

it('makes one vitest project per CODEFLOW_TARGET file, named uniquely, with the CODEFLOW_ONLY/SKIP selection', () => {
  const a = targetFile()
  const b = targetFile()
  const config = vitestCliConfig({
    CODEFLOW_TARGET: [a, b].join(delimiter),
    CODEFLOW_ONLY: 'pkce, state',
    CODEFLOW_SKIP: 'pkce.plain-policy',
  })
  expect(projects(config).map((project) => project.test.name)).toEqual(['op', 'op (2)'])
  const [first] = projects(config)
  expect(first!.test.dir).toBe(AREAS_DIR)
  expect(first!.test.provide.codeflow).toMatchObject({
    target: { name: 'op', issuer: 'https://op.example.com' },
    only: ['pkce', 'state'],
    skip: ['pkce.plain-policy'],
    concurrency: 4,
  })
  // vitest's default reporter: nothing written unless CODEFLOW_OUT says where.
  expect(config.test!.reporters).toBeUndefined()
})

it("writes the reports where CODEFLOW_OUT says, next to vitest's default reporter", () => {
  const config = vitestCliConfig({ CODEFLOW_TARGET: targetFile(), CODEFLOW_OUT: join(tmpdir(), 'out') })
  const reporters = config.test!.reporters as unknown[]
  expect(reporters[0]).toBe('default')
  expect(reporters[1]).toBeInstanceOf(ReportWritingReporter)
})

it('builds the configuration from the package root, and a serial one with one worker and one file at a time', () => {
  const targets = [{ target: loadTargetFile(targetFile()), baseDir: tmpdir() }]
  const parallel = conformanceConfig({ targets, workers: 3 })
  expect(parallel.root).toBe(packageRoot())
  expect(parallel.test).toMatchObject({ maxWorkers: 3, fileParallelism: true, pool: 'threads' })
  const serial = conformanceConfig({ targets, concurrency: 1, workers: 3 })
  expect(serial.test).toMatchObject({ maxWorkers: 1, fileParallelism: false })
  expect(projects(serial)[0]!.test.provide.codeflow.concurrency).toBe(1)
})
