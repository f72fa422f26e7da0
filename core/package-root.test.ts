import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { PackageLayoutError, packageFile, packageRoot } from './package-root.js'
import { version } from './version.js'

/** A package laid out as installed: package.json and fixtures/ at the root, the build in dist/. */
function fakePackage(): string {
  const root = mkdtempSync(join(tmpdir(), 'codeflow-root-'))
  writeFileSync(join(root, 'package.json'), '{"version":"9.9.9"}')
  mkdirSync(join(root, 'fixtures'))
  mkdirSync(join(root, 'dist', 'core'), { recursive: true })
  mkdirSync(join(root, 'core'))
  return root
}

it('finds the package root from the sources (core/) and from the build (dist/core/)', () => {
  const root = fakePackage()
  expect(packageRoot(join(root, 'core'))).toBe(root)
  expect(packageRoot(join(root, 'dist', 'core'))).toBe(root)
})

it('skips a folder holding a package.json without fixtures/ (e.g. dist/package.json)', () => {
  const root = fakePackage()
  writeFileSync(join(root, 'dist', 'package.json'), '{"type":"module"}')
  expect(packageRoot(join(root, 'dist', 'core'))).toBe(root)
})

it('names the folder it searched from when there is no package above it', () => {
  const lonely = mkdtempSync(join(tmpdir(), 'codeflow-none-'))
  expect(() => packageRoot(lonely)).toThrow(PackageLayoutError)
  expect(() => packageRoot(lonely)).toThrow(lonely)
})

it("locates this repository's own fixtures and version", () => {
  const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }
  expect(version()).toBe(pkg.version)
  expect(readFileSync(packageFile('fixtures', 'keys', 'development.jwks.json'), 'utf8')).toContain('"keys"')
})
