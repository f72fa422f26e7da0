/**
 * The store an issuer keeps its state in: in memory (default), or — with `store.url` — in Redis,
 * shared with every instance serving the same issuer (docs/several-instances.md). The Redis
 * modules, and ioredis with them, are imported only then.
 */
import { createHash } from 'node:crypto'
import type { Clock } from '../clock.js'
import type { MockIdpConfig } from '../config/schema.js'
import type { Logger } from '../log.js'
import type { SharedState } from '../shared-state.js'
import { MemoryStore } from './memory-store.js'
import type { Store } from './store.js'

export async function createStore(
  config: MockIdpConfig,
  issuer: string,
  clock: Clock,
  log: Logger,
): Promise<{ store: Store; shared?: SharedState }> {
  const { url } = config.store
  if (url === undefined) return { store: new MemoryStore({ clock, budgets: config.limits.store, log }) }
  const [{ connectRedisStore }, { RedisSharedState }] = await Promise.all([
    import('./redis-store.js'),
    import('./redis-shared-state.js'),
  ])
  const store = await connectRedisStore({
    url,
    // One namespace per issuer: instances serving one issuer share it, issuers never see each other.
    namespace: `codeflow:${createHash('sha256').update(issuer).digest('base64url').slice(0, 16)}:`,
    clock,
    budgets: config.limits.store,
    log,
  })
  const { maxRecordedExchanges, maxRecordedBytes } = config.limits
  return { store, shared: new RedisSharedState(store, { maxRecordedExchanges, maxRecordedBytes }) }
}
