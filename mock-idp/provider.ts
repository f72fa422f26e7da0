/**
 * Everything an endpoint needs, built once from a validated config: the issuer and its URLs,
 * clock, id generator, store, keys, clients and users.
 */

import { randomBytes } from 'node:crypto'
import { ActiveBehaviours } from './behaviours/active-behaviours.js'
import { behaviourCatalog } from './behaviours/catalog.js'
import type { Clock } from './clock.js'
import { systemClock } from './clock.js'
import { checkBehaviourIds } from './config/behaviour-ids.js'
import type { ClientConfig, MockIdpConfig } from './config/schema.js'
import type { Directives } from './control/directives.js'
import { OverrideQueue } from './control/override-queue.js'
import { createIdGenerator, type IdGenerator, SeededIds } from './ids.js'
import { type KeyStore, loadKeyStore } from './keys/key-store.js'
import { createLogger, type Logger } from './log.js'
import { ExchangeRecorder } from './recorder.js'
import { MemoryStore } from './store/memory-store.js'
import type { Store } from './store/store.js'
import { UserDirectory } from './users.js'

export interface Provider {
  config: MockIdpConfig
  /** The configured (or listening) issuer; `issuerFor` may refine it per request. */
  issuer: string
  clock: Clock
  ids: IdGenerator
  store: Store
  keys: KeyStore
  users: UserDirectory
  clients: Map<string, ClientConfig>
  /** Key for HMACs over cookies and CSRF tokens. */
  secret: Buffer
  log: Logger
  /** The recent requests, for `requests()`. */
  recorder: ExchangeRecorder
  /**
   * The behaviours in force: on the shared provider, those switched on for the whole mock; on
   * the view an endpoint gets, those of its request too (behaviours/request-behaviours.ts).
   */
  behaviours: ActiveBehaviours
  /** What tests queued with `use()` (the shared provider's queue). */
  overrides: OverrideQueue
  /** What `use()` told this request to do (only on a request's view). */
  directives?: Directives
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
  return {
    config,
    issuer: exactIssuer(options.issuer),
    clock,
    ids,
    store: options.store ?? new MemoryStore({ clock, budgets: config.limits.store, log }),
    keys: options.keys ?? (await loadKeyStore(config)),
    users: await UserDirectory.fromConfig(config),
    clients: new Map(config.clients.map((client) => [client.client_id, client])),
    secret: ids instanceof SeededIds ? ids.secret('cookies') : randomBytes(32),
    log,
    recorder: new ExchangeRecorder(config.limits.maxRecordedExchanges, config.limits.maxRecordedBytes),
    behaviours: new ActiveBehaviours(behaviourCatalog, config.behaviours),
    overrides: new OverrideQueue(),
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

/**
 * The issuer for one request: the configured one, or — only when `trustForwardedHeaders` is on
 * and no issuer is configured — the origin the proxy says the client used.
 */
export function issuerFor(provider: Provider, headers: Headers): string {
  if (provider.config.issuer !== undefined || !provider.config.trustForwardedHeaders) return provider.issuer
  const host = headers.get('x-forwarded-host')?.split(',')[0]?.trim()
  const proto = headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  if (!host || !/^[A-Za-z0-9.\-:[\]]+$/.test(host)) return provider.issuer
  const scheme = proto === 'https' || proto === 'http' ? proto : 'https'
  return `${scheme}://${host}${new URL(provider.issuer).pathname.replace(/\/$/, '')}`
}
