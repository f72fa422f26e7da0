/**
 * The mock IdP as one web-standard handler, `(Request) => Promise<Response>` (Hono). The same
 * app serves the Node HTTP server, msw and Playwright's `page.route`: there is no second implementation.
 *
 * What serves what:
 *   routes.ts          the route table: every endpoint, its path and methods
 *   handle-request.ts  the stages one routed request goes through, in order (stages/)
 *   lazy.ts            endpoints imported on their first request
 *   control-mount.ts   the control API, imported on its first request
 *   page-assets.ts     the "slow-assets" page variant's files
 * This file wires them: CORS, the one-request-at-a-time mode, HEAD, and paths no route serves.
 */
// hono/tiny: the same Hono with one small router (PatternRouter) instead of the default two
// (RegExpRouter and TrieRouter, the first compiling every route into one expression on the first
// request). For a dozen static paths it answers the same, and the mock's first answer comes
// sooner: about 7 ms less CPU from spawn to the first discovery answer (docs/performance.md).
import { Hono } from 'hono/tiny'
import type { IssuerDirectory } from '../control/issuer-directory.js'
import { InvalidRequest, ServerError } from '../errors.js'
import type { Provider } from '../provider.js'
import { mountControlApi } from './control-mount.js'
import { allowedOrigin, corsApplies, preflight, withCors } from './cors.js'
import { DROPPED, handleRequest } from './handle-request.js'
import { InFlight, lockedResult } from './overlap.js'
import { servePageAssets } from './page-assets.js'
import type { DroppableSocket } from './parsed-request.js'
import { errorResponse, errorResponseWithStatus, responseFrom, responseParts } from './respond.js'
import { isPageRoute, type Route, routes } from './routes.js'
import { record } from './stages/record.js'
import { type NodeRequest, webRequestSource } from './web-request-source.js'

/** What @hono/node-server passes as `env`: the Node request (its socket, which a `drop` fault destroys, and its raw headers). */
interface NodeBindings {
  incoming?: NodeRequest
}

export function createApp(provider: Provider, options: { issuers?: IssuerDirectory } = {}): Hono {
  const app = new Hono()
  if (provider.config.control.enabled) mountControlApi(app, provider, options.issuers)
  if (provider.config.pages.scripts === 'slow-assets') servePageAssets(app, provider)

  // server.overlap "fail": one request at a time, the others refused at once (overlap.ts).
  const inFlight = provider.config.server.overlap === 'fail' ? new InFlight() : undefined
  for (const route of routes(provider)) {
    const cors = corsApplies(provider.config, route.name)
    app.all(route.path, async (c) => {
      const node = (c.env as NodeBindings | undefined)?.incoming
      const method = c.req.method.toUpperCase()
      const origin = cors ? allowedOrigin(provider.config, c.req.header('origin') ?? null) : undefined
      if (origin && method === 'OPTIONS' && c.req.header('access-control-request-method')) {
        return preflight(origin, route.methods)
      }
      if (inFlight && !inFlight.enter()) return locked(provider, route, c.req.raw, node)
      let response: Response
      try {
        const answer = await handleRequest(provider, route, webRequestSource(c.req.raw, node))
        response = answer === DROPPED ? dropConnection(node?.socket) : responseFrom(answer)
        // RFC 9110 §9.3.2: HEAD is GET without the content.
        if (method === 'HEAD' && route.methods.includes('GET')) {
          response = new Response(null, { status: response.status, headers: response.headers })
        }
      } finally {
        inFlight?.leave()
      }
      return origin ? withCors(response, origin) : response
    })
  }

  app.notFound((c) => errorResponseWithStatus(new InvalidRequest(`no endpoint at ${new URL(c.req.url).pathname}`), 404))
  app.onError((error) => {
    provider.log.error('unhandled error', error)
    return errorResponse(new ServerError('the server met an unexpected condition'))
  })
  return app
}

/** The answer to a request that overlapped another (server.overlap "fail"), recorded like any other. */
async function locked(
  provider: Provider,
  route: Route,
  raw: Request,
  node: NodeRequest | undefined,
): Promise<Response> {
  const result = await lockedResult(isPageRoute(route.name))
  const parts = responseParts(result)
  await record(provider, route, webRequestSource(raw, node), { request: undefined, parts, result })
  return responseFrom(parts)
}

/**
 * A connection closed without an answer (a crashed or overloaded server). Outside Node (msw), a
 * network error is the same thing.
 */
function dropConnection(socket: DroppableSocket | undefined): Response {
  if (!socket) return Response.error()
  socket.destroy()
  return new Response(null, { status: 502 }) // never delivered: the socket is gone
}

/**
 * The app as served at its issuer: an issuer with a path (https://host/tenant) answers under that
 * path (the route table's paths are relative to the issuer). For in-process serving (msw, page.route).
 */
export function mountAtIssuer(issuer: string, app: Hono): Hono {
  const prefix = new URL(issuer).pathname.replace(/\/$/, '')
  return prefix === '' ? app : new Hono().route(prefix, app)
}
