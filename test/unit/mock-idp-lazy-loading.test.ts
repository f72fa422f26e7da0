import { beforeAll, expect, it } from 'vitest'
import { type ImportEdge, importGraph, loadedWith } from '../support/import-graph.js'

// `codeflow idp` answers discovery first: what it imports before it listens is its start-up time.
// The routes (http/node-route.ts) are imported on the first request that needs them, the app (Hono,
// its Node adapter) on the first request only it serves (mock-idp/server.ts; until then
// http/early-discovery.ts answers discovery), the rest on first
// use (http/lazy.ts, http/control-mount.ts, behaviours/load-catalog.ts, config/behaviour-ids.ts),
// a config that is the defaults plus simple options is read without the schema
// (config/read-config.ts), and a plain command line without commander (src/cli/idp-options.ts).

let graph: Map<string, ImportEdge[]>
let atStart: Set<string>
let atIdpCommand: Set<string>

beforeAll(async () => {
  graph = await importGraph(['mock-idp', 'core', 'src/cli'])
  atStart = loadedWith(graph, 'mock-idp/server.ts')
  // main.ts loads these two for `codeflow idp` with a plain command line (src/cli/load-module.ts).
  atIdpCommand = new Set(
    ['src/cli/main.ts', 'src/cli/idp-options.ts', 'src/cli/idp-run.ts'].flatMap((entry) => [
      ...loadedWith(graph, entry),
    ]),
  )
}, 60_000)

// dependency-cruiser names a package module by its specifier (`jose/jwt/sign`), or by its path
// under node_modules when it resolves one.
const packageOf = (module: string) => /^(?:.*node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(module)?.[1]

it('starts a server without the behaviour catalog or any behaviour module', () => {
  expect([...atStart].filter((module) => module.startsWith('mock-idp/behaviours/catalog'))).toEqual([])
  expect(atStart).not.toContain('mock-idp/behaviours/sign-deviously.ts')
})

it('starts a server without the control API', () => {
  expect([...atStart].filter((module) => module.startsWith('mock-idp/control/control-api'))).toEqual([])
  expect(atStart).not.toContain('mock-idp/control/override.ts')
})

it('starts a server with discovery as its only endpoint', () => {
  const endpoints = [...atStart].filter(
    (module) => module.startsWith('mock-idp/endpoints/') && !module.endsWith('/endpoint-name.ts'),
  )
  expect(endpoints.sort()).toEqual(['mock-idp/endpoints/discovery.ts'])
  const flow = [...atStart].filter((module) => /^mock-idp\/(authorize|grants|client-auth)\//.test(module))
  expect(flow).toEqual([])
  expect([...atStart].filter((module) => /^mock-idp\/ui\/.*-page\.ts$/.test(module))).toEqual([])
})

it('starts a server without the app: no Hono, no Node adapter, no route table', () => {
  for (const modules of [atStart, atIdpCommand]) {
    expect([...modules].filter((module) => ['hono', '@hono/node-server'].includes(packageOf(module)!))).toEqual([])
    expect(modules).not.toContain('mock-idp/http/app.ts')
    expect(modules).not.toContain('mock-idp/http/routes.ts')
  }
  expect(atStart).toContain('mock-idp/http/early-discovery.ts')
})

it('serves the routes without the app: node-route.ts loads neither Hono nor its Node adapter', () => {
  const routeServing = loadedWith(graph, 'mock-idp/http/node-route.ts')
  expect(routeServing).toContain('mock-idp/http/handle-request.ts')
  expect([...routeServing].filter((module) => ['hono', '@hono/node-server'].includes(packageOf(module)!))).toEqual([])
  expect(routeServing).not.toContain('mock-idp/http/app.ts')
  expect(routeServing).not.toContain('mock-idp/http/web-request-source.ts')
})

it('starts `codeflow idp` without commander', () => {
  expect([...atIdpCommand].filter((module) => packageOf(module) === 'commander')).toEqual([])
  expect(atIdpCommand).not.toContain('src/cli/commander.ts')
  expect(atIdpCommand).not.toContain('src/cli/idp-command.ts')
})

it('still loads the lazily imported modules on demand: each is reachable by import()', () => {
  const reachable = new Set<string>()
  for (const edges of graph.values()) for (const edge of edges) if (edge.dynamic) reachable.add(edge.to)
  expect(reachable).toContain('mock-idp/behaviours/catalog.ts')
  expect(reachable).toContain('mock-idp/control/control-api.ts')
  expect(reachable).toContain('mock-idp/endpoints/token.ts')
  expect(reachable).toContain('mock-idp/http/node-listener.ts')
  expect(reachable).toContain('mock-idp/http/node-route.ts')
})

it('starts `codeflow idp` without the config schema or zod', () => {
  for (const modules of [atStart, atIdpCommand]) {
    expect([...modules].filter((module) => packageOf(module) === 'zod')).toEqual([])
    expect(modules).not.toContain('mock-idp/config/schema.ts')
    expect(modules).not.toContain('mock-idp/config/load.ts')
  }
})

it('starts `codeflow idp` without jose: the development keys are imported with WebCrypto', () => {
  for (const modules of [atStart, atIdpCommand]) {
    expect([...modules].filter((module) => packageOf(module) === 'jose')).toEqual([])
  }
})

it('still reaches the schema and jose on demand', () => {
  const reachable = new Set<string>()
  for (const edges of graph.values()) for (const edge of edges) if (edge.dynamic) reachable.add(edge.to)
  expect(reachable).toContain('mock-idp/config/load.ts')
  expect([...reachable].some((module) => packageOf(module) === 'jose')).toBe(true)
})
