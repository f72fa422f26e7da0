/**
 * Reads a config the cheapest way that is still exact: a config that is the defaults plus simple
 * options (default-config.ts) needs no schema; anything else is parsed by the schema, which is
 * imported only then. Either way the result is what `parseConfig` returns for the same input.
 */
import { simpleConfig } from './default-config.js'
import type { MockIdpConfig } from './schema.js'

/** `input` is a `MockIdpConfigInput` (or an already read `MockIdpConfig`), checked here like any input. */
export async function readConfig(input: unknown, source = 'config'): Promise<MockIdpConfig> {
  const simple = simpleConfig(input)
  if (simple) return simple
  const { parseConfig } = await import('./load.js')
  return parseConfig(input, source)
}
