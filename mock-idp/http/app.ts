/**
 * The mock IdP as one web-standard handler, `(Request) => Promise<Response>` (Hono). The same
 * app serves the Node HTTP server, supertest and msw: there is no second implementation.
 *
 * The route table below is the whole surface; discovery advertises exactly these paths.
 */
import { Hono } from 'hono'
import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import type { SeamContext } from '../behaviours/behaviour.js'
import { behavioursForRequest, requestParams } from '../behaviours/request-behaviours.js'
import { directivesFrom, InjectedResponse, injectedError } from '../control/directives.js'
import type { IssuerDirectory } from '../control/issuer-directory.js'
import { discovery } from '../endpoints/discovery.js'
import type { Endpoint } from '../endpoints/endpoint.js'
import type { EndpointName } from '../endpoints/endpoint-name.js'
import { jwks } from '../endpoints/jwks.js'
import { InvalidRequest, OAuthError, ServerError } from '../errors.js'
import type { Provider } from '../provider.js'
import { createRequestContext } from '../request-context.js'
import { PAGE_ASSETS } from '../ui/slow-assets.js'
import { allowedOrigin, corsApplies, preflight, withCors } from './cors.js'
import type { EndpointResult } from './endpoint-result.js'
import { InFlight, lockedResult } from './overlap.js'
import { BodyNotReceived, type ParsedRequest, parseRequest } from './parsed-request.js'
import { issuerFor, urlsFor } from './request-issuer.js'
import { errorResponse, oauthErrorResult, toResponse } from './respond.js'

export interface Route {
  name: EndpointName
  path: string
  methods: string[]
  endpoint: Endpoint
}

/**
 * Endpoints a person's browser visits: a request that fails before the endpoint runs (a body over
 * the size limit, a body that is not UTF-8) is answered with the error page, as the endpoints
 * themselves answer (RFC 6749 §4.1.2.1: "inform the resource owner of the error"), not with JSON.
 */
const PAGE_ROUTES = new Set(['authorization', 'login', 'consent', 'endSession'])

/**
 * An endpoint whose module is imported on its first request. Discovery and the JWK Set are all a
 * starting server needs to answer; the other endpoints (with the authorization pipeline, the
 * pages, client authentication and token signing behind them) load when first used, so start-up
 * imports and keeps in memory only what it serves.
 */
function lazy(load: () => Promise<Endpoint>): Endpoint {
  let loaded: Promise<Endpoint> | undefined
  return async (context) => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined
      throw error
    })
    return (await loaded)(context)
  }
}

const authorization = lazy(async () => (await import('../endpoints/authorization.js')).authorization)
const login = lazy(async () => (await import('../endpoints/login.js')).login)
const consent = lazy(async () => (await import('../endpoints/consent.js')).consent)
const loginApi = lazy(async () => (await import('../endpoints/login-api.js')).loginApi)
const token = lazy(async () => (await import('../endpoints/token.js')).token)
const userinfo = lazy(async () => (await import('../endpoints/userinfo.js')).userinfo)
const revocation = lazy(async () => (await import('../endpoints/revocation.js')).revocation)
const introspection = lazy(async () => (await import('../endpoints/introspection.js')).introspection)
const endSession = lazy(async () => (await import('../endpoints/end-session.js')).endSession)

export function routes(provider: Provider): Route[] {
  const { paths } = provider.config
  return [
    { name: 'discovery', path: '/.well-known/openid-configuration', methods: ['GET'], endpoint: discovery },
    { name: 'metadata', path: '/.well-known/oauth-authorization-server', methods: ['GET'], endpoint: discovery },
    { name: 'jwks', path: paths.jwks, methods: ['GET'], endpoint: jwks },
    // OIDC Core §3.1.2.1: "Authorization Servers MUST support the use of the HTTP GET and POST methods".
    { name: 'authorization', path: paths.authorization, methods: ['GET', 'POST'], endpoint: authorization },
    { name: 'login', path: paths.login, methods: ['GET', 'POST'], endpoint: login },
    { name: 'consent', path: paths.consent, methods: ['GET', 'POST'], endpoint: consent },
    // pages.loginApp "json-api": the login page's JSON API (its page computes the same path).
    ...(provider.config.pages.loginApp === 'json-api'
      ? [{ name: 'loginApi' as const, path: `${paths.login}/api`, methods: ['POST'], endpoint: loginApi }]
      : []),
    // RFC 6749 §3.2: "The client MUST use the HTTP POST method when making access token requests."
    { name: 'token', path: paths.token, methods: ['POST'], endpoint: token },
    // OIDC Core §5.3.1: "The Client MUST use GET or POST".
    { name: 'userinfo', path: paths.userinfo, methods: ['GET', 'POST'], endpoint: userinfo },
    { name: 'revocation', path: paths.revocation, methods: ['POST'], endpoint: revocation },
    { name: 'introspection', path: paths.introspection, methods: ['POST'], endpoint: introspection },
    { name: 'endSession', path: paths.endSession, methods: ['GET', 'POST'], endpoint: endSession },
  ]
}

export function createApp(provider: Provider, options: { issuers?: IssuerDirectory } = {}): Hono {
  const app = new Hono()
  const table = routes(provider)
  if (provider.config.control.enabled) {
    // Loaded on first use, like the endpoints: a mock without the control API never imports it.
    const prefix = provider.config.control.prefix
    let api: Promise<(request: Request) => Promise<Response>> | undefined
    const serve = async (request: Request) => {
      api ??= import('../control/control-api.js').then(({ controlApi }) => controlApi(provider, options.issuers))
      return (await api)(request)
    }
    app.all(prefix, (c) => serve(c.req.raw))
    app.all(`${prefix}/*`, (c) => serve(c.req.raw))
  }

  if (provider.config.pages.scripts === 'slow-assets') serveSlowAssets(app, provider)

  // server.overlap "fail": one request at a time, the others refused at once (http/overlap.ts).
  const inFlight = provider.config.server.overlap === 'fail' ? new InFlight() : undefined
  for (const route of table) {
    const cors = corsApplies(provider.config, route.name)
    app.all(route.path, async (c) => {
      const socket = (c.env as NodeBindings | undefined)?.incoming?.socket
      const method = c.req.method.toUpperCase()
      const origin = cors ? allowedOrigin(provider.config, c.req.header('origin') ?? null) : undefined
      if (origin && method === 'OPTIONS' && c.req.header('access-control-request-method')) {
        return preflight(origin, route.methods)
      }
      if (inFlight && !inFlight.enter()) return locked(provider, route, c.req.raw)
      let response: Response
      try {
        if (method === 'HEAD' && route.methods.includes('GET')) {
          const full = await handle(provider, route, c.req.raw, socket)
          response = new Response(null, { status: full.status, headers: full.headers })
        } else {
          response = await handle(provider, route, c.req.raw, socket)
        }
      } finally {
        inFlight?.leave()
      }
      return origin ? withCors(response, origin) : response
    })
  }

  app.notFound((c) => errorResponseWith(new InvalidRequest(`no endpoint at ${new URL(c.req.url).pathname}`), 404))
  app.onError((error) => {
    provider.log.error('unhandled error', error)
    return errorResponse(new ServerError('the server met an unexpected condition'))
  })
  return app
}

/**
 * The "slow-assets" page variant's stylesheet, script and image (ui/slow-assets.ts), each answered
 * after pages.assetDelayMs. Static files: not recorded, no overrides, never cached.
 */
function serveSlowAssets(app: Hono, provider: Provider): void {
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name')
    const asset = Object.hasOwn(PAGE_ASSETS, name) ? PAGE_ASSETS[name] : undefined
    if (!asset) return errorResponseWith(new InvalidRequest(`no asset "${name}"`), 404)
    await new Promise((resolve) => setTimeout(resolve, provider.config.pages.assetDelayMs))
    return new Response(asset.body, {
      headers: { 'Content-Type': asset.contentType, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
    })
  })
}

/** The answer to a request that overlapped another (server.overlap "fail"), recorded like any other. */
async function locked(provider: Provider, route: Route, raw: Request): Promise<Response> {
  const result = await lockedResult(PAGE_ROUTES.has(route.name))
  const response = toResponse(result)
  provider.recorder.record({
    endpoint: route.name,
    method: raw.method.toUpperCase(),
    url: raw.url,
    bodyText: undefined,
    contentType: undefined,
    headers: raw.headers,
    status: response.status,
    result,
    at: provider.clock.now(),
  })
  return response
}

/** 405 with the methods the endpoint takes (RFC 9110 §15.5.6: "MUST generate an Allow header field"). */
class MethodNotAllowed extends InvalidRequest {
  override readonly status = 405
  constructor(method: string, route: Route, allowed: string[]) {
    super(`${method} is not allowed at the ${route.name} endpoint; use ${allowed.join(' or ')}`, {
      headers: { Allow: allowed.join(', ') },
    })
  }
}

/** What @hono/node-server passes as `env`: the Node request, whose socket a `drop` fault destroys. */
interface NodeBindings {
  incoming?: { socket?: { destroy(): void } }
}

async function handle(provider: Provider, route: Route, raw: Request, socket?: { destroy(): void }): Promise<Response> {
  let request: ParsedRequest | undefined
  let result: EndpointResult
  let errorBody: unknown
  let seam: SeamContext | undefined
  let active = provider.globalBehaviours
  const applied = provider.overrides.take(route.name)
  if (applied.delayMs) await provider.delays.wait(applied.delayMs)
  if (applied.drop) {
    // A connection closed without an answer (a crashed or overloaded server). Outside Node
    // (msw), a network error is the same thing.
    if (!socket) return Response.error()
    socket.destroy()
    return new Response(null, { status: 502 }) // never delivered: the socket is gone
  }
  try {
    request = await parseRequest(raw, provider.config.limits.maxBodyBytes)
    const issuer = issuerFor(provider, raw.headers)
    const urls = urlsFor(provider, issuer)
    active = await behavioursForRequest(provider, request, route.name, applied.behaviours)
    seam = { endpoint: route.name, request, issuer, urls }
    if (applied.respond) throw new InjectedResponse(applied.respond)
    if (applied.error && route.name !== 'authorization') throw injectedError(applied.error)
    const methods = allowedMethods(route, active)
    const method = raw.method.toUpperCase()
    if (!methods.includes(method) && !(method === 'HEAD' && methods.includes('GET'))) {
      throw new MethodNotAllowed(method, route, methods)
    }
    const refusal = active.size === 0 ? undefined : active.refusal(seam, requestParams(request))
    if (refusal) throw refusal
    const context = createRequestContext(provider, request, {
      endpoint: route.name,
      issuer,
      urls,
      behaviours: active,
      directives: directivesFrom(applied),
    })
    result = await route.endpoint(context)
  } catch (error) {
    // The client left mid-upload: one quiet line, no stack (it is no fault of the server's).
    if (error instanceof BodyNotReceived) provider.log.debug(`${route.name}: ${error.description}`)
    result = error instanceof InjectedResponse ? error.result : await errorResult(provider, route, error)
    if (error instanceof OAuthError && !PAGE_ROUTES.has(route.name)) errorBody = error.toJSON()
  }
  if (seam && active.size > 0) result = active.applyResponse(result, seam)
  const response = toResponse(result)
  provider.recorder.record({
    endpoint: route.name,
    method: raw.method.toUpperCase(),
    url: raw.url,
    bodyText: request?.bodyText,
    contentType: request?.contentType,
    headers: raw.headers,
    status: response.status,
    ...(errorBody === undefined ? { result } : { errorBody }),
    at: provider.clock.now(),
  })
  return response
}

/** RFC 6749 §3.2: the token endpoint takes POST only, unless a behaviour waives that rule. */
function allowedMethods(route: Route, active: ActiveBehaviours): string[] {
  if (route.name === 'token' && !active.enforces('token-post-only')) return [...route.methods, 'GET']
  return route.methods
}

async function errorResult(provider: Provider, route: Route, error: unknown): Promise<EndpointResult> {
  if (error instanceof OAuthError) {
    if (error.status >= 500) provider.log.error(`${route.name}: ${error.description}`, error.detail)
    if (PAGE_ROUTES.has(route.name) && error.status < 500 && error.status !== 405) {
      // Loaded on use, like the page endpoints themselves (see `lazy`).
      const { errorPageFor } = await import('../ui/error-page.js')
      return errorPageFor(error)
    }
    return oauthErrorResult(error)
  }
  // An unknown throw is a bug: log it (redacted), answer server_error without internals.
  provider.log.error(`${route.name}: unexpected error`, error instanceof Error ? error.stack : error)
  return oauthErrorResult(new ServerError('the server met an unexpected condition'))
}

function errorResponseWith(error: OAuthError, status: number, headers: Record<string, string> = {}): Response {
  const response = errorResponse(error)
  const out = new Response(response.body, { status, headers: response.headers })
  for (const [name, value] of Object.entries(headers)) out.headers.set(name, value)
  return out
}

/**
 * The app as served at its issuer: an issuer with a path (https://host/tenant) answers under that
 * path (the route table's paths are relative to the issuer). For in-process serving (msw, page.route).
 */
export function mountAtIssuer(issuer: string, app: Hono): Hono {
  const prefix = new URL(issuer).pathname.replace(/\/$/, '')
  return prefix === '' ? app : new Hono().route(prefix, app)
}
