/**
 * The mock's shared state for one issuer, built once from a validated config: what every request
 * to that issuer reads and writes — config, issuer, clock, ids, store, keys, clients, users,
 * the behaviours switched on for the whole mock, queued overrides, recorded requests and the
 * log. Nothing in it belongs to one request: a request's own view (its issuer URLs, its
 * behaviours, what `use()` told it) is its RequestContext (request-context.ts).
 *
 * Several issuers in one process (issuers.ts) each have their own Provider; nothing here is
 * shared between them.
 */

import { randomBytes } from 'node:crypto'
import { ActiveBehaviours } from './behaviours/active-behaviours.js'
import { loadBehaviourCatalog } from './behaviours/load-catalog.js'
import type { Clock } from './clock.js'
import { OffsetClock, systemClock } from './clock.js'
import { checkBehaviourIds } from './config/behaviour-ids.js'
import type { ClientConfig, MockIdpConfig } from './config/schema.js'
import { OverrideQueue } from './control/override-queue.js'
import { PendingDelays } from './control/pending-delays.js'
import { type EndpointUrls, endpointUrls } from './endpoint-urls.js'
import { createIdGenerator, type IdGenerator, SeededIds } from './ids.js'
import { type KeyStore, keyStoreFromSnapshot, loadKeyStore } from './keys/key-store.js'
import { createLogger, type Logger } from './log.js'
import { ExchangeRecorder } from './recorder.js'
import type { SharedState } from './shared-state.js'
import { createStore } from './store/create-store.js'
import type { Store } from './store/store.js'
import { UserDirectory } from './users.js'

export interface Provider {
  config: MockIdpConfig
  /** The configured (or listening) issuer; behind a trusted proxy a request may see another (http/request-issuer.ts). */
  issuer: string
  /** The endpoint URLs at `issuer`. */
  urls: EndpointUrls
  clock: Clock
  /**
   * Identifiers without behaviours applied. A request mints its codes and tokens through its
   * context's `ids`, which apply the `mint` seam of the behaviours in force for it.
   */
  ids: IdGenerator
  store: Store
  /**
   * With a Redis store: what every instance of this issuer agrees on besides the store's entries
   * (the cookie key, signing keys, clock offset). Undefined: this process is the only instance.
   */
  shared?: SharedState
  keys: KeyStore
  users: UserDirectory
  clients: Map<string, ClientConfig>
  /** Whether some client names behaviours of its own: only then does a request's client matter to its behaviours. */
  clientsDeviate: boolean
  /** Key for HMACs over cookies and CSRF tokens. */
  secret: Buffer
  log: Logger
  /** The recent requests, for `requests()`. */
  recorder: ExchangeRecorder
  /**
   * The behaviours switched on for the whole mock (config `behaviours`): every request starts
   * from a copy of these (http/stages/behaviours.ts). Never the behaviours of one request.
   */
  globalBehaviours: ActiveBehaviours
  /** What tests queued with `use()`. */
  overrides: OverrideQueue
  /** The waits of `delayMs` overrides under way, which shutdown ends. */
  delays: PendingDelays
}

export interface ProviderOptions {
  issuer: string
  clock?: Clock
  ids?: IdGenerator
  store?: Store
  keys?: KeyStore
  log?: Logger
}

export async function createProvider(config: MockIdpConfig, options: ProviderOptions): Promise<Provider> {
  await checkBehaviourIds(config)
  const clock = options.clock ?? systemClock
  const ids = options.ids ?? createIdGenerator(config.seed)
  const log = options.log ?? createLogger(config.log.level)
  const issuer = exactIssuer(options.issuer)
  const { store, shared } = options.store ? { store: options.store } : await createStore(config, issuer, clock, log)
  let keys = options.keys ?? (await loadKeyStore(config))
  let secret = ids instanceof SeededIds ? ids.secret('cookies') : randomBytes(32)
  try {
    if (shared) {
      // The first instance's keys and clock become everyone's; a later one takes them over.
      const offset = clock instanceof OffsetClock ? clock.offsetMs : 0
      const joined = await shared.join({ clockOffsetMs: offset, keys: await keys.snapshot() })
      keys = await keyStoreFromSnapshot(joined.initial)
      await keys.replace(joined.current.keys)
      if (clock instanceof OffsetClock) clock.offsetMs = joined.current.clockOffsetMs
      secret = await shared.secret(secret)
    }
  } catch (error) {
    await store.close?.()
    throw error
  }
  return {
    config,
    issuer,
    urls: endpointUrls(issuer, config.paths),
    clock,
    ids,
    store,
    ...(shared ? { shared } : {}),
    keys,
    users: await UserDirectory.fromConfig(config),
    clients: new Map(config.clients.map((client) => [client.client_id, client])),
    clientsDeviate: config.clients.some((client) => client.behaviours.length > 0),
    secret,
    log,
    recorder: new ExchangeRecorder(config.limits.maxRecordedExchanges, config.limits.maxRecordedBytes),
    // The catalog is imported only when the config switches some behaviour on.
    globalBehaviours:
      config.behaviours.length === 0
        ? new ActiveBehaviours()
        : new ActiveBehaviours(await loadBehaviourCatalog(), config.behaviours),
    overrides: new OverrideQueue(),
    delays: new PendingDelays(),
  }
}

/**
 * The issuer is used exactly as configured, trailing slash included: relying parties compare it
 * by exact string (OIDC Discovery §4.3), and some (auth0-react, for one) are configured with the
 * slash. Start-up warns about a trailing slash instead of silently changing what clients see.
 */
export function exactIssuer(issuer: string): string {
  new URL(issuer) // throws on a malformed issuer, before anything is served
  return issuer
}
