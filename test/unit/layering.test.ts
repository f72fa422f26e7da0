import { expect, it } from 'vitest'
import { importCycles, importGraph } from '../support/import-graph.js'

// The layers of docs/architecture.md, read from the import graph dependency-cruiser resolves
// (type-only imports and `import()` included: a reader follows them too). Tests may cross layers;
// shipped code and each layer's test-support may not.
const LAYERS = ['core', 'reports', 'suites', 'client', 'mock-idp', 'src'] as const
type Layer = (typeof LAYERS)[number]

/** What each layer may import besides itself and packages. */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  // Spec references, redaction, URL rules, closest match, version: shared by all, depends on none.
  core: [],
  // The run-result contract and everything built from it.
  reports: ['core'],
  // The judge shares no code with what it judges: never the mock IdP, never the CLI.
  suites: ['core', 'reports'],
  // Client conformance drives the partner's app through the mock IdP and reports like the suite.
  client: ['core', 'reports', 'suites', 'mock-idp'],
  'mock-idp': ['core'],
  // The thin `codeflow` command: flags → the libraries above. Nothing imports it.
  src: ['core', 'reports', 'suites', 'client', 'mock-idp'],
}

const layerOf = (path: string): Layer | undefined => LAYERS.find((layer) => path.startsWith(`${layer}/`))

async function graph() {
  return importGraph([...LAYERS])
}

it('reads a real import graph of every layer', async () => {
  const modules = await graph()
  expect(modules.get('reports/build-report.ts')?.map((edge) => edge.to)).toContain('reports/run-result.ts')
  expect(modules.get('src/cli/main.ts')?.length).toBeGreaterThan(0)
  for (const layer of LAYERS)
    expect(
      [...modules.keys()].some((path) => layerOf(path) === layer),
      layer,
    ).toBe(true)
}, 120_000)

it('keeps every layer to the layers below it', async () => {
  const offenders: string[] = []
  for (const [from, edges] of await graph()) {
    const layer = layerOf(from)
    if (layer === undefined) continue
    for (const edge of edges) {
      const target = layerOf(edge.to)
      if (target === undefined || target === layer) continue
      if (!MAY_IMPORT[layer].includes(target)) offenders.push(`${from} → ${edge.to}`)
    }
  }
  expect(offenders).toEqual([])
}, 120_000)

it('has no import cycle anywhere', async () => {
  expect(await importCycles([...LAYERS])).toEqual([])
}, 120_000)
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
