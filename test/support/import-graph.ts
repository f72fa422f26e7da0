/**
 * The import graph of folders of this repository, as dependency-cruiser resolves it (TypeScript,
 * `.js` specifiers mapped to `.ts` sources, type-only imports included). For the architecture
 * tests: cycles, layering, what a start-up loads.
 */
import { cruise, type ICruiseOptions, type IModule } from 'dependency-cruiser'

export interface ImportEdge {
  to: string
  /** An `import()` expression: the target loads when that line runs, not with the importer. */
  dynamic: boolean
  /** `import type`: erased from the JavaScript, but a dependency of the source all the same. */
  typeOnly: boolean
}

/** Every module under `folders` (tests excluded), keyed by its path, with the modules it imports. */
export async function importGraph(folders: string[]): Promise<Map<string, ImportEdge[]>> {
  const { output } = await cruise(folders, cruiseOptions(), {}, { tsConfig: { fileName: 'tsconfig.json' } })
  if (typeof output === 'string') throw new Error('dependency-cruiser answered with text instead of a result')
  return new Map(
    output.modules.map((module: IModule) => [
      module.source,
      module.dependencies.map((dependency) => ({
        to: dependency.resolved,
        dynamic: dependency.dynamic,
        typeOnly: dependency.dependencyTypes.includes('type-only'),
      })),
    ]),
  )
}

/** The import cycles among the modules under `folders`, each as `a → b → … → a`, found by dependency-cruiser. */
export async function importCycles(folders: string[]): Promise<string[]> {
  const { output } = await cruise(
    folders,
    {
      ...cruiseOptions(),
      validate: true,
      ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
    },
    {},
    { tsConfig: { fileName: 'tsconfig.json' } },
  )
  if (typeof output === 'string') throw new Error('dependency-cruiser answered with text instead of a result')
  return output.summary.violations.map((violation) =>
    [violation.from, ...(violation.cycle ?? []).map((step) => step.name)].join(' → '),
  )
}

/** The modules `entry` loads with it: the closure of its static imports (type-only and `import()` excluded). */
export function loadedWith(graph: Map<string, ImportEdge[]>, entry: string): Set<string> {
  const loaded = new Set<string>()
  const pending = [entry]
  // Bounded: each module is visited once.
  while (pending.length > 0) {
    const module = pending.pop()!
    if (loaded.has(module)) continue
    loaded.add(module)
    for (const edge of graph.get(module) ?? []) if (!edge.dynamic && !edge.typeOnly) pending.push(edge.to)
  }
  return loaded
}

function cruiseOptions(): ICruiseOptions {
  return {
    // Type-only imports are dependencies of the source a reader follows, so they count for cycles.
    tsPreCompilationDeps: true,
    exclude: { path: ['\\.test\\.ts$', '(^|/)node_modules/'] },
    doNotFollow: { path: ['(^|/)node_modules/'] },
  }
}
