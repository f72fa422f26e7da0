import { beforeAll, expect, it } from 'vitest'
import { type ImportEdge, importGraph, loadedWith } from '../support/import-graph.js'

// `codeflow idp` answers discovery and the JWK Set first: what serveMockIdp imports before it
// listens is its start-up time. Everything else is imported on first use (mock-idp/http/lazy.ts,
// http/control-mount.ts, behaviours/load-catalog.ts, config/behaviour-ids.ts).

let graph: Map<string, ImportEdge[]>
let atStart: Set<string>

beforeAll(async () => {
  graph = await importGraph(['mock-idp', 'core'])
  atStart = loadedWith(graph, 'mock-idp/server.ts')
}, 60_000)

it('starts a server without the behaviour catalog or any behaviour module', () => {
  expect([...atStart].filter((module) => module.startsWith('mock-idp/behaviours/catalog'))).toEqual([])
  expect(atStart).not.toContain('mock-idp/behaviours/sign-deviously.ts')
})

it('starts a server without the control API', () => {
  expect([...atStart].filter((module) => module.startsWith('mock-idp/control/control-api'))).toEqual([])
  expect(atStart).not.toContain('mock-idp/control/override.ts')
})

it('starts a server with discovery and the JWK Set as its only endpoints', () => {
  const endpoints = [...atStart].filter(
    (module) => module.startsWith('mock-idp/endpoints/') && !module.endsWith('/endpoint-name.ts'),
  )
  expect(endpoints.sort()).toEqual(['mock-idp/endpoints/discovery.ts', 'mock-idp/endpoints/jwks.ts'])
  const flow = [...atStart].filter((module) => /^mock-idp\/(authorize|grants|client-auth)\//.test(module))
  expect(flow).toEqual([])
  expect([...atStart].filter((module) => /^mock-idp\/ui\/.*-page\.ts$/.test(module))).toEqual([])
})

it('still loads the lazily imported modules on demand: each is reachable by import()', () => {
  const reachable = new Set<string>()
  for (const edges of graph.values()) for (const edge of edges) if (edge.dynamic) reachable.add(edge.to)
  expect(reachable).toContain('mock-idp/behaviours/catalog.ts')
  expect(reachable).toContain('mock-idp/control/control-api.ts')
  expect(reachable).toContain('mock-idp/endpoints/token.ts')
})
