/**
 * The behaviour catalog, imported on first use: every behaviour module (and what they import)
 * stays unloaded in a mock whose config, clients and requests name no behaviour. Node keeps the
 * module once imported, so later calls cost a resolved promise.
 */
import type { Behaviour } from './behaviour.js'

export type BehaviourCatalog = ReadonlyMap<string, Behaviour>

export async function loadBehaviourCatalog(): Promise<BehaviourCatalog> {
  return (await import('./catalog.js')).behaviourCatalog
}
