/**
 * The mock's routes served straight from Node's request, without the web-standard app in between.
 * A request the Hono app would answer at one of the root issuer's routes (routes.ts) goes through
 * the same stages (handle-request.ts) read from Node's request (node-request-source.ts), and its
 * answer's parts (respond.ts) are written to Node's response. What that skips, per request: a
 * web Request and its Headers, Hono's router and context, a web Response, and @hono/node-server
 * turning the one into the other (about 8% of the mock's server CPU per flow: docs/performance.md).
 *
 * Everything else goes to the app (`toApp`), which is imported on its first such request: a path
 * no route serves, the control API, an issuer added by path, HEAD and OPTIONS, a CORS request
 * (Origin at a CORS route), `server.overlap: fail`, and a request whose URL @hono/node-server would
 * normalise (an unusual Host or target). node-route.test.ts holds the two paths' answers equal.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { ServerError } from '../errors.js'
import type { Provider } from '../provider.js'
import { corsApplies } from './cors.js'
import { DROPPED, handleRequest } from './handle-request.js'
import { nodeRequestSource } from './node-request-source.js'
import type { RequestSource } from './parsed-request.js'
import { adapterUrl, routedPath } from './plain-url.js'
import { oauthErrorResult, type ResponseParts, responseParts, serializeCookie } from './respond.js'
import { type Route, routes } from './routes.js'

/**
 * The listener: the root provider's routes served here, anything else handed to `toApp`.
 * `toApp` is the app's listener, loaded on first use.
 */
export function nodeRouteListener(provider: Provider, toApp: RequestListener): RequestListener {
  const byPath = new Map(routes(provider).map((route) => [route.path, route]))
  return (incoming, response) => {
    const url = adapterUrl(incoming.headers.host, incoming.url)
    const route = url === undefined ? undefined : directRoute(provider, byPath, incoming, url)
    if (url === undefined || route === undefined) return toApp(incoming, response)
    serve(provider, route, nodeRequestSource(incoming, url), incoming, response).catch((error: unknown) =>
      unexpected(provider, response, error),
    )
  }
}

/** The route `incoming` is for, when it is served here; undefined when it goes to the app. */
function directRoute(
  provider: Provider,
  byPath: Map<string, Route>,
  incoming: IncomingMessage,
  url: string,
): Route | undefined {
  const { config } = provider
  if (incoming.method === 'HEAD' || incoming.method === 'OPTIONS' || config.server.overlap !== 'serve') return
  const path = routedPath(url)
  if (path === undefined) return
  const route = byPath.get(path)
  if (route === undefined) return
  // The app mounts these first, so they win a path they share with a route.
  if (config.control.enabled && isUnder(path, config.control.prefix)) return
  if (config.pages.scripts === 'slow-assets' && isUnder(path, '/assets')) return
  if (incoming.headers.origin !== undefined && corsApplies(config, route.name)) return
  return route
}

function isUnder(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/$/, '')
  return path === base || path.startsWith(`${base}/`)
}

async function serve(
  provider: Provider,
  route: Route,
  source: RequestSource,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const answer = await handleRequest(provider, route, source)
  if (answer === DROPPED) return void incoming.socket.destroy()
  write(response, answer)
  if (!incoming.complete) closeAfterUnreadBody(incoming, response)
}

/** Writes the parts as @hono/node-server writes the same Response (Content-Length, one Set-Cookie line per cookie). */
function write(response: ServerResponse, { status, headers, body, cookies }: ResponseParts): void {
  const out: Record<string, string | string[]> = { ...headers }
  if (cookies.length > 0) out['set-cookie'] = cookies.map(serializeCookie)
  if (body !== null) out['content-length'] = String(Buffer.byteLength(body))
  response.writeHead(status, out)
  if (body === null) response.end()
  else response.end(body)
}

/** As @hono/node-server drains a body left unread: at most this long and this much, then the connection closes. */
const DRAIN_MS = 500
const DRAIN_BYTES = 64 * 1024 * 1024

/**
 * A body refused before it was read whole (over `limits.maxBodyBytes`): what is left is read and
 * discarded once the answer is out, so the answer is not lost to a reset, within a bound of time
 * and bytes; beyond it the connection is closed.
 */
function closeAfterUnreadBody(incoming: IncomingMessage, response: ServerResponse): void {
  response.once('finish', () => {
    if (incoming.readableEnded || incoming.destroyed) return
    let read = 0
    const close = () => {
      cleanup()
      incoming.socket.destroySoon()
    }
    const timer = setTimeout(close, DRAIN_MS).unref()
    const onData = (chunk: Buffer) => {
      read += chunk.byteLength
      if (read > DRAIN_BYTES) close()
    }
    const cleanup = () => {
      clearTimeout(timer)
      incoming.off('data', onData).off('end', cleanup).off('error', cleanup)
    }
    incoming.on('data', onData).on('end', cleanup).on('error', cleanup)
    incoming.resume()
  })
}

/** What the app's error handler answers (app.ts `onError`): a bug, logged, answered without internals. */
function unexpected(provider: Provider, response: ServerResponse, error: unknown): void {
  provider.log.error('unhandled error', error)
  if (response.headersSent) return void response.destroy()
  write(response, responseParts(oauthErrorResult(new ServerError('the server met an unexpected condition'))))
}
