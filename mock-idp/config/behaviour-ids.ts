/**
 * The second step of reading a config, after the schema (load.ts `parseConfig`): the behaviour
 * ids it names — `behaviours`, and each client's `behaviours` — must be in the catalog. The
 * catalog (every behaviour module) is imported only when the config names at least one id, so a
 * mock without behaviours starts without it. An unknown id stops start-up like any bad value:
 * a ConfigError naming its path and the closest known id.
 */
import { ConfigError, formatPath } from './config-error.js'
import type { MockIdpConfig } from './schema.js'

export interface NamedBehaviour {
  /** Where the config names it, e.g. ['clients', 0, 'behaviours', 1]. */
  path: Array<string | number>
  id: string
}

export function behavioursNamedIn(config: MockIdpConfig): NamedBehaviour[] {
  return [
    ...config.behaviours.map((id, index) => ({ path: ['behaviours', index], id })),
    ...config.clients.flatMap((client, clientIndex) =>
      client.behaviours.map((id, index) => ({ path: ['clients', clientIndex, 'behaviours', index], id })),
    ),
  ]
}

/** Throws a ConfigError listing every unknown behaviour id of `config` (`source` as in parseConfig). */
export async function checkBehaviourIds(config: MockIdpConfig, source = 'config'): Promise<void> {
  const named = behavioursNamedIn(config)
  if (named.length === 0) return
  const { behaviourCatalog, unknownBehaviourMessage } = await import('../behaviours/catalog.js')
  const issues = named
    .filter(({ id }) => !behaviourCatalog.has(id))
    .map(({ path, id }) => `${formatPath(path)}: ${unknownBehaviourMessage(id)}`)
  if (issues.length > 0) throw new ConfigError(`Invalid mock IdP ${source}:`, issues)
}
