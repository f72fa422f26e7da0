/**
 * Serves the mock IdP's web-standard app on a real Node HTTP server. The issuer is known only
 * once the port is (port 0 picks a free one), so the provider is built after `listen`.
 */

import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import { type Clock, OffsetClock } from './clock.js'
import { parseConfig } from './config/load.js'
import type { MockIdpConfig, MockIdpConfigInput } from './config/schema.js'
import { createApp } from './http/app.js'
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
  app: Hono
  server: Server
  /** Issuers added by path (`/{id}`), each with its own config and state. */
  issuers: IssuerRegistry
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
  const config = parseConfig(input)
  let app: Hono | undefined
  let issuers: IssuerRegistry | undefined
  const listener = getRequestListener((request, env) => (issuers?.match(request.url)?.app ?? app!).fetch(request, env))
  const server = createServer(listener)
  // Slow or stalled clients must not hold sockets forever.
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000
  server.keepAliveTimeout = 5_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`
  const provider = await createProvider(config, {
    issuer: config.issuer ?? url,
    // A clock tests can move (idp.clock, the control API); real time until they do.
    clock: options.clock ?? new OffsetClock(),
    log: options.log,
  }).catch(async (error) => {
    await closeServer(server)
    throw error
  })
  issuers = new IssuerRegistry({ issuer: provider.issuer, config, ...(options.log ? { log: options.log } : {}) })
  app = createApp(provider, { issuers })
  return {
    issuer: provider.issuer,
    url,
    address,
    provider,
    app,
    server,
    issuers,
    close: async () => {
      await closeServer(server)
      for (const id of issuers!.ids()) await issuers!.remove(id)
      await provider.store.close?.()
    },
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections?.()
  })
}
