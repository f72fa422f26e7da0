/**
 * The mock IdP's app served to Node's HTTP server: @hono/node-server turns each Node request into
 * a web Request for the app of the issuer it is for (the root's, or an issuer added by path,
 * issuers.ts), and writes the app's Response back. Imported on the first request that needs the
 * app (server.ts), with Hono, the adapter and Node's fetch implementation behind them.
 */
import type { RequestListener } from 'node:http'
import { getRequestListener, RequestError } from '@hono/node-server'
import type { Hono } from 'hono'
import type { IssuerRegistry } from '../issuers.js'
import type { Provider } from '../provider.js'
import { createApp } from './app.js'

export interface ServedApp {
  /** The root issuer's app, as in-process serving (playwright.ts) uses it too. */
  app: Hono
  listener: RequestListener
}

export function nodeListener(root: Provider, issuers: IssuerRegistry): ServedApp {
  const app = createApp(root, { issuers })
  const listener = getRequestListener(
    async (request, env) => {
      // With a shared store: the issuers other instances added or removed.
      if (root.shared) await issuers.catchUp()
      return (issuers.match(request.url)?.app ?? app).fetch(request, env)
    },
    { errorHandler: (error) => unservableRequest(error, root) },
  )
  return { app, listener }
}

/**
 * A request @hono/node-server could not turn into a web Request (a malformed Host or target) gets
 * a JSON 400; anything else that escaped the app is a bug: logged, answered 500 without internals.
 */
function unservableRequest(error: unknown, root: Provider): Response {
  if (error instanceof RequestError) {
    return Response.json(
      { error: 'invalid_request', error_description: 'the request target or Host header is malformed' },
      { status: 400, headers: { 'Cache-Control': 'no-store', Connection: 'close' } },
    )
  }
  root.log.error('unhandled error', error instanceof Error ? error.stack : error)
  return Response.json(
    { error: 'server_error', error_description: 'the server met an unexpected condition' },
    { status: 500, headers: { 'Cache-Control': 'no-store' } },
  )
}
