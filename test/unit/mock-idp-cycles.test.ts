import { expect, it } from 'vitest'
import { importCycles, importGraph } from '../support/import-graph.js'

// Files that import one another in a circle cannot be read, tested or loaded one at a time, and
// a circle through a large module (the behaviour catalog, the config schema) drags it into every
// start-up. Type-only imports and `import()` count: they are dependencies a reader follows too.

it('resolves the TypeScript imports of mock-idp/ and core/ (the graph the cycle check reads is real)', async () => {
  const graph = await importGraph(['mock-idp', 'core'])
  expect(graph.size).toBeGreaterThan(100)
  expect(graph.get('mock-idp/server.ts')?.map((edge) => edge.to)).toContain('mock-idp/provider.ts')
  expect(graph.get('mock-idp/request-context.ts')?.find((edge) => edge.to === 'mock-idp/provider.ts')?.typeOnly).toBe(
    true,
  )
  expect(graph.get('mock-idp/http/routes.ts')?.find((edge) => edge.to === 'mock-idp/endpoints/token.ts')?.dynamic).toBe(
    true,
  )
}, 60_000)

it('has no import cycle in mock-idp/ or core/', async () => {
  expect(await importCycles(['mock-idp', 'core'])).toEqual([])
}, 60_000)
