/**
 * The package as a partner installs it. A fresh build of this tree is packed with `npm pack` and
 * installed with npm into new projects: an ES-module TypeScript project that tests with its own
 * vitest, and a CommonJS TypeScript project that asked for no vitest and no browser driver. Each
 * compiles a small program under `strict` and the defaults of current TypeScript (`tsc --init`:
 * no "types" listed, exact optional properties; library files checked too), runs it, and the tree
 * npm built is inspected: one vitest (the project's), no playwright-core nobody asked for, no test
 * code, source maps that point at shipped files.
 *
 * npm installs offline, from the cache `npm ci` filled, with the versions package-lock.json pins
 * (each project's lockfile starts from this repository's); when it cannot, the test fails and says
 * so.
 */
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createMockIdp } from '../../mock-idp/index.js'
import { type Ran, runProcess } from '../support/run-process.js'

const repo = fileURLToPath(new URL('../../', import.meta.url))
// The repo's TypeScript builds the package. The partner projects compile with it too, or with the
// tsc that CODEFLOW_PARTNER_TSC names (e.g. a TypeScript 7 installed elsewhere).
const tsc = join(repo, 'node_modules/typescript/bin/tsc')
const partnerTsc = process.env.CODEFLOW_PARTNER_TSC ?? tsc
const work = mkdtempSync(join(tmpdir(), 'codeflow-packed-'))
const esm = join(work, 'esm-project')
const cjs = join(work, 'cjs-project')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/**
 * Runs a command to its end, never throwing on a non-zero exit. The bounds here and on the tests
 * only catch a hang: on a machine shared with other test files, one tsc can take a minute and more.
 */
function run(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<Ran> {
  // Nothing of the `npm test` that runs this leaks into the partner's npm, tsc or node.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|CODEFLOW_)/i.test(name)),
  )
  return runProcess(command, args, { cwd, env: { ...env, NO_COLOR: '1' }, timeoutMs })
}

function failed(what: string, ran: Ran): string {
  return `${what} exited with ${ran.code}:\n${ran.stdout}\n${ran.stderr}`.trim()
}

/** This tree as a fresh clone with its edits has it (tracked and new files, nothing git ignores), built and packed. */
async function packFreshBuild(): Promise<string> {
  const stage = join(work, 'stage')
  const listed = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--', 'package.json', 'README.md'].concat([
      'tsconfig.json',
      'tsconfig.build.json',
      'client',
      'core',
      'mock-idp',
      'reports',
      'src',
      'suites',
      'schemas',
      'fixtures',
    ]),
    repo,
  )
  if (listed.code !== 0) throw new Error(failed('git ls-files', listed))
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repo, file))) continue
    mkdirSync(dirname(join(stage, file)), { recursive: true })
    cpSync(join(repo, file), join(stage, file))
  }
  symlinkSync(join(repo, 'node_modules'), join(stage, 'node_modules'), 'dir')
  const built = await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], stage)
  if (built.code !== 0) throw new Error(failed('the build (tsc -p tsconfig.build.json)', built))
  const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], stage)
  if (packed.code !== 0) throw new Error(failed('npm pack', packed))
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }]
  return join(work, filename)
}

const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; [field: string]: unknown }>
}
const locked = (name: string) => lock.packages[`node_modules/${name}`]!.version!

/**
 * A new project with these dependencies, installed by npm offline. Its lockfile is this repo's
 * with the project as the root: npm then takes every version from it (no registry metadata needed,
 * only the tarballs in the cache), drops what the project does not need, and adds the tarball.
 */
async function installProject(dir: string, type: 'module' | 'commonjs', dependencies: Record<string, string>) {
  mkdirSync(dir, { recursive: true })
  const manifest = { name: relative(work, dir), version: '1.0.0', private: true, type, dependencies }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const projectLock = { ...lock, name: manifest.name, version: '1.0.0' }
  projectLock.packages = { ...lock.packages, '': { name: manifest.name, version: '1.0.0', dependencies } }
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(projectLock, null, 2))
  const installed = await run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], dir)
  if (installed.code !== 0) {
    throw new Error(
      `npm could not install the packed codeflow into ${dir} offline (from npm's cache, with the versions of package-lock.json). ` +
        `Run "npm ci" in the repository first, which fills the cache. ${failed('npm install --offline', installed)}`,
    )
  }
}

/** Every installed copy of a package: its folder, anywhere in the tree. */
function copiesOf(project: string, name: string): string[] {
  const found: string[] = []
  const walk = (modules: string) => {
    if (!existsSync(modules)) return
    for (const entry of readdirSync(modules)) {
      const folders = entry.startsWith('@')
        ? readdirSync(join(modules, entry)).map((scoped) => join(modules, entry, scoped))
        : [join(modules, entry)]
      for (const folder of folders) {
        if (!lstatSync(folder).isDirectory()) continue
        if (relative(modules, folder) === name) found.push(folder)
        walk(join(folder, 'node_modules'))
      }
    }
  }
  walk(join(project, 'node_modules'))
  return found
}

/** `tsc --init` of TypeScript 7, plus library checking: what a partner starting today compiles with. */
const currentDefaults = {
  module: 'nodenext',
  target: 'esnext',
  types: [],
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noUncheckedSideEffectImports: true,
  moduleDetection: 'force',
  skipLibCheck: false,
}

/**
 * Runs in both projects: a real server, msw handlers behind `msw/node`, a login through the pages.
 * It uses web-standard globals only, so nothing but codeflow's own declarations asks for Node's types.
 */
const PROGRAM = `import { createMockIdp } from 'codeflow'
import { mockIdpHandlers } from 'codeflow/msw'
import { authorizeAndLogin, callbackParams } from 'codeflow/testing'
import { setupServer } from 'msw/node'

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')

async function main(): Promise<void> {
  const idp = await createMockIdp({ log: { level: 'silent' } })
  let discovered: string
  try {
    const response = await fetch(\`\${idp.url}/.well-known/openid-configuration\`)
    discovered = ((await response.json()) as { issuer: string }).issuer
  } finally {
    await idp.close()
  }

  const mock = mockIdpHandlers({ issuer: 'https://idp.partner.test', log: { level: 'silent' } })
  const server = setupServer(...mock.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
    const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))))
    const callback = await authorizeAndLogin({
      baseUrl: mock.issuer,
      params: {
        response_type: 'code',
        client_id: 'codeflow-public',
        redirect_uri: 'http://localhost:3000/callback',
        scope: 'openid',
        state: 'partner-state',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
      username: 'alice',
      password: 'wonderland',
    })
    const params = callbackParams(callback)
    const authorizations = await mock.requests({ endpoint: 'authorization' })
    console.log(JSON.stringify({ expected: idp.issuer, discovered, code: params.has('code'), state: params.get('state'), authorizations: authorizations.length }))
  } finally {
    server.close()
  }
}

// A failure is an unhandled rejection: Node prints it and exits with 1.
void main()
`

function writeFiles(dir: string, files: Record<string, string | object>) {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
}

beforeAll(async () => {
  const tarball = await packFreshBuild()
  const codeflow = `file:${tarball}`
  await installProject(cjs, 'commonjs', { codeflow, msw: locked('msw'), '@types/node': locked('@types/node') })
  await installProject(esm, 'module', {
    codeflow,
    msw: locked('msw'),
    '@types/node': locked('@types/node'),
    vitest: locked('vitest'),
  })
}, 900_000)

it('installs no vitest and no browser driver into a project that asked for neither', () => {
  expect(copiesOf(cjs, 'codeflow')).toHaveLength(1)
  expect(copiesOf(cjs, 'vitest')).toEqual([])
  expect(copiesOf(cjs, 'playwright-core')).toEqual([])
  expect(copiesOf(cjs, '@playwright/test')).toEqual([])
})

it('installs one vitest, the project’s own, into a project that tests with vitest', () => {
  expect(copiesOf(esm, 'vitest')).toEqual([join(esm, 'node_modules/vitest')])
  expect(copiesOf(esm, 'playwright-core')).toEqual([])
})

it('compiles and runs in a CommonJS TypeScript project: the library, the msw handlers with msw/node, the login helper', async () => {
  writeFiles(cjs, {
    'src/main.ts': PROGRAM,
    // verbatimModuleSyntax is off: with it, a CommonJS file cannot use import statements at all.
    'tsconfig.json': {
      compilerOptions: { ...currentDefaults, verbatimModuleSyntax: false, rootDir: '.', outDir: 'out' },
      include: ['src'],
    },
  })
  const compiled = await run(process.execPath, [partnerTsc, '-p', 'tsconfig.json'], cjs)
  expect(compiled.code, failed('tsc', compiled)).toBe(0)
  expect(readFileSync(join(cjs, 'out/src/main.js'), 'utf8')).toContain('require("codeflow")')
  const ran = await run(process.execPath, ['out/src/main.js'], cjs)
  expect(ran.code, failed('node out/src/main.js', ran)).toBe(0)
  const result = JSON.parse(ran.stdout)
  expect(result).toEqual({
    expected: result.discovered,
    discovered: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
    code: true,
    state: 'partner-state',
    authorizations: 1,
  })
}, 600_000)

it('compiles and runs in an ES-module TypeScript project, whose own vitest runs the codeflow/vitest fixture', async () => {
  writeFiles(esm, {
    'src/main.ts': PROGRAM,
    'test/idp.test.ts': `import { mockIdpTest } from 'codeflow/vitest'
import { expect } from 'vitest'

const test = mockIdpTest({ log: { level: 'silent' } })

test('serves discovery for the issuer of this test', async ({ idp }) => {
  const response = await fetch(\`\${idp.url}/.well-known/openid-configuration\`)
  expect(((await response.json()) as { issuer: string }).issuer).toBe(idp.issuer)
})
`,
    'vitest.config.mjs': "export default { test: { include: ['test/**/*.test.ts'] } }\n",
    'tsconfig.json': { compilerOptions: { ...currentDefaults, rootDir: '.', outDir: 'out' }, include: ['src', 'test'] },
  })
  const compiled = await run(process.execPath, [partnerTsc, '-p', 'tsconfig.json'], esm)
  expect(compiled.code, failed('tsc', compiled)).toBe(0)
  const ran = await run(process.execPath, ['out/src/main.js'], esm)
  expect(ran.code, failed('node out/src/main.js', ran)).toBe(0)
  expect(JSON.parse(ran.stdout)).toMatchObject({ code: true, state: 'partner-state', authorizations: 1 })

  const tested = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=json'], esm)
  expect(tested.code, failed('vitest run', tested)).toBe(0)
  const report = JSON.parse(tested.stdout.slice(tested.stdout.indexOf('{'))) as {
    numPassedTests: number
    numTotalTests: number
  }
  expect(report).toMatchObject({ numPassedTests: 1, numTotalTests: 1 })
}, 600_000)

it('compiles in the same project with moduleResolution bundler (and msw/browser), and with node16', async () => {
  writeFiles(esm, {
    'browser/worker.ts': `import { forwardingHandlers } from 'codeflow/msw/browser'
import { setupWorker } from 'msw/browser'

export const worker = setupWorker(...forwardingHandlers({ issuer: 'https://idp.partner.test', to: 'http://127.0.0.1:8080' }))
`,
    'tsconfig.bundler.json': {
      compilerOptions: { ...currentDefaults, module: 'preserve', moduleResolution: 'bundler', noEmit: true },
      include: ['src', 'browser'],
    },
    'tsconfig.node16.json': {
      compilerOptions: { ...currentDefaults, module: 'node16', noEmit: true },
      include: ['src'],
    },
  })
  for (const config of ['tsconfig.bundler.json', 'tsconfig.node16.json']) {
    const compiled = await run(process.execPath, [partnerTsc, '-p', config], esm)
    expect(compiled.code, failed(`tsc -p ${config}`, compiled)).toBe(0)
  }
}, 600_000)

it('ships no test code, and every source map points at files the package ships', () => {
  const root = join(esm, 'node_modules/codeflow')
  const files: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name))
      else files.push(relative(root, join(dir, entry.name)))
    }
  }
  walk(root)
  expect(
    files.filter((file) => /\.test\.|test-support|self-check|fixtures\.|test-evidence|seed-samples/.test(file)),
  ).toEqual([])

  const generated = files.filter((file) => /\.(c?js|d\.c?ts)$/.test(file))
  expect(generated.length).toBeGreaterThan(100)
  const unmapped: string[] = []
  for (const file of generated) {
    const text = readFileSync(join(root, file), 'utf8')
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1]
    if (url === undefined || !existsSync(join(root, dirname(file), url))) {
      unmapped.push(`${file}: no source map`)
      continue
    }
    const map = JSON.parse(readFileSync(join(root, dirname(file), url), 'utf8')) as {
      sources: string[]
      sourceRoot?: string
    }
    for (const source of map.sources) {
      const path = resolve(root, dirname(file), map.sourceRoot ?? '', source)
      if (!path.startsWith(root) || !existsSync(path)) unmapped.push(`${file}: ${source} is not in the package`)
    }
  }
  expect(unmapped).toEqual([])
})

it('points a stack trace through codeflow at its shipped TypeScript sources', async () => {
  writeFiles(esm, {
    'stack.mjs': `import { parseConfig } from 'codeflow'
try { parseConfig({ port: 'not a port' }) } catch (error) { console.log(error.stack) }
`,
  })
  const ran = await run(process.execPath, ['--enable-source-maps', 'stack.mjs'], esm)
  expect(ran.code, failed('node stack.mjs', ran)).toBe(0)
  const frames = [...ran.stdout.matchAll(/(\/\S+?\.ts):\d+:\d+/g)].map((match) => match[1]!)
  expect(frames.length).toBeGreaterThan(0)
  for (const frame of frames) {
    expect(frame.startsWith(join(esm, 'node_modules/codeflow/'))).toBe(true)
    expect(existsSync(frame), `${frame} is in a stack trace but not in the package`).toBe(true)
  }
})

it('runs codeflow without vitest on the direct engine, and names the peer to install where one is needed', async () => {
  const codeflow = join(cjs, 'node_modules/.bin/codeflow')
  const fallback = await run(codeflow, ['run', '--only', 'discovery', '--out', join(work, 'run-direct')], cjs)
  expect(fallback.code, failed('codeflow run', fallback)).toBe(0)
  expect(fallback.stderr).toContain('vitest is not installed: running with --engine direct')
  expect(existsSync(join(work, 'run-direct/report.json'))).toBe(true)

  const vitestEngine = await run(codeflow, ['run', '--engine', 'vitest'], cjs)
  expect(vitestEngine.code).toBe(2)
  expect(vitestEngine.stderr).toContain(
    '--engine vitest needs vitest ^4.1 and vitest is not installed: npm i -D vitest@^4.1',
  )

  const idp = await createMockIdp({ log: { level: 'silent' } })
  try {
    const target = { ...idp.targetFile(), login: { driver: 'browser', steps: [{ click: 'button[type=submit]' }] } }
    writeFileSync(join(work, 'browser-target.json'), JSON.stringify(target))
  } finally {
    await idp.close()
  }
  const browser = await run(
    codeflow,
    ['run', '--target', join(work, 'browser-target.json'), '--out', join(work, 'run-browser')],
    cjs,
  )
  expect(browser.code).toBe(2)
  expect(browser.stderr).toContain(
    'the browser login driver needs playwright-core, which is not installed: npm i -D playwright-core',
  )

  // ioredis is an optional peer too: only a Redis store needs it (docs/several-instances.md).
  const redisStore = await run(
    codeflow,
    ['idp', '--port', '0', '--issuer', 'http://idp.test', '--store', 'redis://127.0.0.1:1/0'],
    cjs,
  )
  expect(redisStore.code).toBe(2)
  expect(redisStore.stderr).toContain(
    'the Redis store (store.url) needs ioredis@^6.0.0, which is not installed: npm i -D ioredis@^6.0.0',
  )
}, 600_000)
