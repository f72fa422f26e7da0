/**
 * Serves the mock IdP on a real Node HTTP server. The issuer is known only once the port is (port
 * 0 picks a free one), so the provider is built after `listen`. The routes are served straight
 * from Node's request (http/node-route.ts), imported on the first request that needs them; the
 * web-standard app — Hono, its Node adapter and Node's fetch implementation — serves the rest
 * (the control API, issuers added by path, CORS, HEAD) and is imported on the first such request
 * (http/node-listener.ts). Until then a plain discovery request is answered without either
 * (http/early-discovery.ts), so the mock's first answer comes about a third sooner and an idle
 * mock holds about 6 MiB less (docs/performance.md).
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'
import { connectableHost } from '../core/connectable-host.js'
import { type Clock, OffsetClock } from './clock.js'
import { checkBehaviourIds } from './config/behaviour-ids.js'
import { readConfig } from './config/read-config.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import { ConnectionTracker } from './graceful-close.js'
import { earlyDiscovery } from './http/early-discovery.js'
import { listenerOnFirstUse } from './http/listener-on-first-use.js'
import { loadOnce } from './http/load-once.js'
import { IssuerRegistry } from './issuers.js'
import type { Logger } from './log.js'
import { createProvider, type Provider } from './provider.js'

export interface RunningMockIdp {
  /** The issuer (also the base URL) every party sees. */
  issuer: string
  /** Where the server actually listens (may differ from the issuer behind a proxy). */
  url: string
  /** The address and port the server is bound to (0.0.0.0 or :: when on all interfaces; `url` then says 127.0.0.1). */
  address: AddressInfo
  provider: Provider
  /**
   * The root issuer's web-standard app (Hono), for serving it in-process. Imported on first use:
   * the server itself imports it on the first request that needs it.
   */
  app(): Promise<Hono>
  server: Server
  /** Issuers added by path (`/{id}`), each with its own config and state. */
  issuers: IssuerRegistry
  /**
   * Stops gracefully: no new connections; idle ones closed; requests under way finish (a pending
   * delayMs override answers at once) within `limits.shutdownTimeoutMs`, then their connections
   * are cut. Calling it again returns the same promise.
   */
  close(): Promise<void>
}

export interface ServeOptions {
  clock?: Clock
  log?: Logger
}

export async function serveMockIdp(
  input: MockIdpConfigInput | MockIdpConfig = {},
  options: ServeOptions = {},
): Promise<RunningMockIdp> {
  const config = await readConfig(input)
  // Before listening: a config naming an unknown behaviour never opens the port.
  await checkBehaviourIds(config)
  const { limits } = config
  let provider: Provider | undefined
  let providerReady!: (ready: { root: Provider; registry: IssuerRegistry }) => void
  const ready = new Promise<{ root: Provider; registry: IssuerRegistry }>((resolve) => {
    providerReady = resolve
  })
  const failed = (response: ServerResponse, error: unknown) =>
    appNotLoaded(response, error, provider?.log ?? options.log)
  // Two listeners, each imported on the first request that needs it: the routes served straight
  // from Node's request (http/node-route.ts), and behind them the app for everything else.
  const loadApp = loadOnce(() =>
    ready.then(async ({ root, registry }) => (await import('./http/node-listener.js')).nodeListener(root, registry)),
  )
  const app = listenerOnFirstUse(async () => (await loadApp()).listener, failed)
  const routes = listenerOnFirstUse(
    () => ready.then(async ({ root }) => (await import('./http/node-route.js')).nodeRouteListener(root, app.listener)),
    failed,
  )
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    const early = !routes.loaded() && provider && earlyDiscovery(provider, request)
    if (early) return void response.writeHead(early.status, early.headers).end(early.body)
    routes.listener(request, response)
  }
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // Node enforces the two timeouts above only this often (30 s by default): a slow client
      // would outlive them by that much.
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    listener,
  )
  // Each open socket costs a file descriptor and memory: beyond the cap a new one is closed as
  // soon as it is accepted, so slow clients cannot exhaust the process.
  server.maxConnections = limits.maxConnections
  server.keepAliveTimeout = limits.keepAliveTimeoutMs
  const connections = new ConnectionTracker(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const url = `http://${connectableHost(address.address)}:${address.port}`
  // The port bound (port 0 picks one): what the control API takes as this server's own.
  const bound = { ...config, port: address.port }
  const root = await createProvider(bound, {
    issuer: config.issuer ?? url,
    // A clock tests can move (idp.clock, the control API); real time until they do.
    clock: options.clock ?? new OffsetClock(),
    log: options.log,
  }).catch(async (error) => {
    await connections.close(0)
    throw error
  })
  const registry = new IssuerRegistry({
    issuer: root.issuer,
    config: bound,
    ...(options.log ? { log: options.log } : {}),
    ...(root.shared ? { shared: root.shared } : {}),
  })
  provider = root
  providerReady({ root, registry })
  let closing: Promise<void> | undefined
  const close = async () => {
    const cut = await connections.close(limits.shutdownTimeoutMs, () => {
      // A request held by a delayMs override answers now instead of holding the process.
      root.delays.cancel()
      for (const id of registry.ids()) registry.get(id)!.provider.delays.cancel()
    })
    if (cut > 0) {
      root.log.warn(`closed ${cut} connection(s) whose request did not finish within limits.shutdownTimeoutMs`)
    }
    // Stops serving them here only: on a shared store the other instances keep them.
    await registry.closeAll()
    await root.store.close?.()
  }
  return {
    issuer: root.issuer,
    url,
    address,
    provider: root,
    app: async () => (await loadApp()).app,
    server,
    issuers: registry,
    close: () => {
      closing ??= close()
      return closing
    },
  }
}

/** The app could not be imported (a broken installation): logged, answered 500 without internals. */
function appNotLoaded(response: ServerResponse, error: unknown, log: Logger | undefined): void {
  log?.error('the mock IdP app could not be loaded', error instanceof Error ? error.stack : error)
  if (response.headersSent) return void response.destroy()
  response
    .writeHead(500, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify({ error: 'server_error', error_description: 'the server met an unexpected condition' }))
}
