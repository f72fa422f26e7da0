import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { installedVersion, isMissingPackage, MissingPeerDependency, rethrowMissingPeer } from './optional-peer.js'

// A project of its own. Node itself loads from it (vitest's module runner reports missing modules
// its own way), in a child process that hands back the errors' code and message.
const project = mkdtempSync(join(tmpdir(), 'codeflow-peer-'))
const app = join(project, 'app.mjs')
afterAll(() => rmSync(project, { recursive: true, force: true }))

function nodeImportError(specifier: string): { code: string; message: string } {
  const script = `import(${JSON.stringify(specifier)}).then(() => console.log('{}'), (e) => console.log(JSON.stringify({ code: e.code, message: e.message })))`
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' }),
  )
}

beforeAll(() => {
  mkdirSync(join(project, 'node_modules/peer-example'), { recursive: true })
  writeFileSync(join(project, 'node_modules/peer-example/package.json'), '{"name":"peer-example","version":"3.2.4"}')
  mkdirSync(join(project, 'node_modules/broken-peer'), { recursive: true })
  writeFileSync(
    join(project, 'node_modules/broken-peer/package.json'),
    '{"name":"broken-peer","type":"module","main":"index.js"}',
  )
  writeFileSync(join(project, 'node_modules/broken-peer/index.js'), "export * from './lost-file.js'\n")
  writeFileSync(app, '')
})

it('reads the version of the package the importing file would get, from its node_modules', () => {
  expect(installedVersion('peer-example', pathToFileURL(app))).toBe('3.2.4')
  const vitest = JSON.parse(readFileSync('node_modules/vitest/package.json', 'utf8')) as { version: string }
  expect(installedVersion('vitest')).toBe(vitest.version)
})

it('has no version for a package that is not installed', () => {
  expect(installedVersion('vitest', pathToFileURL(app))).toBeUndefined()
})

it('names the feature, the package, the versions and the install command when the package is missing', async () => {
  const missing = nodeImportError('vitest')
  expect(missing.code).toBe('ERR_MODULE_NOT_FOUND')
  const error = await Promise.reject(missing)
    .catch(rethrowMissingPeer('vitest', 'the example feature', '~4.1'))
    .catch((e) => e)
  expect(error).toBeInstanceOf(MissingPeerDependency)
  expect(error.message).toBe('the example feature needs vitest@~4.1, which is not installed: npm i -D vitest@~4.1')
})

it('passes on other failures to load: another missing package, or a missing file inside an installed one', async () => {
  const missing = nodeImportError('vitest')
  const other = await Promise.reject(missing)
    .catch(rethrowMissingPeer('playwright-core', 'the browser driver'))
    .catch((e) => e)
  expect(other).toBe(missing)
  const broken = nodeImportError('broken-peer')
  expect(broken.code).toBe('ERR_MODULE_NOT_FOUND')
  expect(isMissingPackage(broken, 'broken-peer')).toBe(false)
  expect(isMissingPackage(new Error("Cannot find package 'broken-peer'"), 'broken-peer')).toBe(false)
})
