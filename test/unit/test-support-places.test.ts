/**
 * Test support in one place per layer: each layer keeps the helpers of its own tests in one
 * `<layer>/test-support/` folder, helpers that cross layers live in `test/support/`, and no module
 * of a shipped layer that only tests use sits anywhere else. tsconfig.build.json and package.json
 * "files" leave every test-support folder out of the package, so a helper outside them would ship,
 * and so would a helper that shipped code imports (the build follows imports past "exclude").
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import ts from 'typescript'
import { expect, it } from 'vitest'

/** The only folders test helpers may live in. */
const TEST_SUPPORT_FOLDERS = new Set([
  'core/test-support',
  'reports/test-support',
  'suites/test-support',
  'client/test-support',
  'mock-idp/test-support',
  'src/cli/test-support',
  'test/support',
])

/** Folder names that hold test helpers or test data by convention. */
const HELPER_FOLDER_NAME =
  /^(test-?support|support|test-?helpers?|helpers|test-?utils|fixtures|__fixtures__|__mocks__)$/

/** The development keys the mock starts with and the integration guide's samples: data, not helpers. */
const DATA_FOLDERS = new Set(['fixtures', 'fixtures/keys'])

const SHIPPED_LAYERS = ['core/', 'reports/', 'suites/', 'client/', 'mock-idp/', 'src/']

const trackedFiles = (): string[] =>
  execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('node_modules/'))

/** The package's entry points (exports and bin) as sources: partners import them, tests too. */
function entryPoints(): Set<string> {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: unknown; bin: Record<string, string> }
  const targets = [...JSON.stringify(manifest.exports).matchAll(/"\.\/dist\/([^"]+?)\.(c?)js"/g)].map(
    ([, path, cjs]) => `${path}.${cjs}ts`,
  )
  const bins = Object.values(manifest.bin).map((path) => path.replace(/^dist\//, '').replace(/\.js$/, '.ts'))
  return new Set([...targets, ...bins])
}

const isTestCode = (file: string) =>
  file.endsWith('.test.ts') ||
  file.startsWith('test/') ||
  [...TEST_SUPPORT_FOLDERS].some((dir) => file.startsWith(`${dir}/`))

/** The folders of `files` whose name says "test helpers" but that are not one of the allowed places. */
function strayHelperFolders(files: string[]): string[] {
  const folders = new Set<string>()
  for (const file of files) {
    const parts = file.split('/').slice(0, -1)
    parts.forEach((name, index) => {
      if (HELPER_FOLDER_NAME.test(name)) folders.add(parts.slice(0, index + 1).join('/'))
    })
  }
  return [...folders].filter((dir) => !TEST_SUPPORT_FOLDERS.has(dir) && !DATA_FOLDERS.has(dir)).sort()
}

/** Repository-relative `.ts` files that `file` imports (static, dynamic and type-only), as TypeScript parses them. */
function importsOf(file: string, text: string, known: Set<string>): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true)
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => normalize(join(dirname(file), specifier)).replace(/\.js$/, '.ts'))
    .filter((target) => known.has(target))
}

/** The TypeScript sources among `files`, and for each the sources that import it. */
function importersOf(files: string[], read: (file: string) => string) {
  const sources = files.filter((file) => /\.(c?ts|mts)$/.test(file) && !file.endsWith('.d.ts'))
  const known = new Set(sources)
  const importers = new Map<string, string[]>()
  for (const file of sources)
    for (const target of importsOf(file, read(file), known))
      importers.set(target, [...(importers.get(target) ?? []), file])
  return { sources, importers }
}

/** `shipped → helper` for each shipped module that imports test code: the build would ship the helper. */
function shippedImportsOfTestCode(files: string[], read: (file: string) => string): string[] {
  const { importers } = importersOf(files, read)
  return [...importers]
    .filter(([target]) => isTestCode(target))
    .flatMap(([target, by]) =>
      by
        .filter((file) => SHIPPED_LAYERS.some((layer) => file.startsWith(layer)) && !isTestCode(file))
        .map((file) => `${file} → ${target}`),
    )
    .sort()
}

/**
 * Modules of a shipped layer, outside the test-support folders, that something imports but only
 * test code does: test helpers in the wrong place. `read` returns a file's text.
 */
function testOnlyModules(files: string[], read: (file: string) => string, entries: Set<string> = new Set()): string[] {
  const { sources, importers } = importersOf(files, read)
  return sources
    .filter((file) => SHIPPED_LAYERS.some((layer) => file.startsWith(layer)) && !isTestCode(file) && !entries.has(file))
    .filter((file) => {
      const by = importers.get(file) ?? []
      return by.length > 0 && by.every(isTestCode)
    })
    .sort()
}

it('keeps test helpers in one test-support folder per layer and test/support, nowhere else', () => {
  const files = trackedFiles()
  expect(files).toContain('test/support/against-mock.ts')
  expect(strayHelperFolders(files)).toEqual([])
})

it('keeps every module of a shipped layer that only tests import in a test-support folder', () => {
  const files = trackedFiles()
  const entries = entryPoints()
  expect(entries).toContain('mock-idp/testing/login-flow.ts')
  expect(entries).toContain('src/cli/main.ts')
  expect(testOnlyModules(files, (file) => readFileSync(file, 'utf8'), entries)).toEqual([])
})

it('imports no test code from shipped code, so the build leaves all of it out', () => {
  expect(shippedImportsOfTestCode(trackedFiles(), (file) => readFileSync(file, 'utf8'))).toEqual([])
})

it('names a helper folder outside the allowed places, the module only tests import and shipped code importing a helper', () => {
  expect(
    strayHelperFolders([
      'suites/test-support/evidence.ts',
      'suites/areas/token/fixtures/evidence.ts',
      'mock-idp/support/pages.ts',
      'test/support/login.ts',
      'fixtures/keys/development.jwks.json',
    ]),
  ).toEqual(['mock-idp/support', 'suites/areas/token/fixtures'])

  const sources: Record<string, string> = {
    'suites/areas/token/token.test.ts': "import { tokens } from './evidence.js'\nimport { check } from './check.js'",
    'suites/areas/token/evidence.ts': 'export const tokens = {}',
    'suites/areas/token/area.ts': "import { check } from './check.js'",
    'suites/areas/token/check.ts': "import { judge } from '../../harness/judge.js'\nexport const check = judge",
    'suites/harness/judge.ts': 'export const judge = 1',
    'suites/test-support/pages.ts': "import { judge } from '../harness/judge.js'",
  }
  expect(testOnlyModules(Object.keys(sources), (file) => sources[file]!)).toEqual(['suites/areas/token/evidence.ts'])
  sources['suites/harness/judge.ts'] = "import { page } from '../test-support/pages.js'"
  expect(shippedImportsOfTestCode(Object.keys(sources), (file) => sources[file]!)).toEqual([
    'suites/harness/judge.ts → suites/test-support/pages.ts',
  ])
})
