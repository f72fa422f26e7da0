/**
 * The route table: every endpoint of one issuer, at the path config `paths` gives it, with the
 * methods it takes. It is the whole surface of the mock; discovery advertises the protocol
 * endpoints among them (tokens/metadata.ts), not the login and consent pages. Discovery and the JWK Set are imported with the table; every other endpoint is imported
 * on its first request (lazy.ts).
 */
import { discovery } from '../endpoints/discovery.js'
import type { Endpoint } from '../endpoints/endpoint.js'
import type { EndpointName } from '../endpoints/endpoint-name.js'
import { jwks } from '../endpoints/jwks.js'
import type { Provider } from '../provider.js'
import { lazy } from './lazy.js'

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
const PAGE_ROUTES: ReadonlySet<EndpointName> = new Set(['authorization', 'login', 'consent', 'endSession'])

export function isPageRoute(name: EndpointName): boolean {
  return PAGE_ROUTES.has(name)
}

/** The endpoints imported on first use (lazy.ts); each route table wraps its own. */
const importers = {
  authorization: async () => (await import('../endpoints/authorization.js')).authorization,
  login: async () => (await import('../endpoints/login.js')).login,
  consent: async () => (await import('../endpoints/consent.js')).consent,
  loginApi: async () => (await import('../endpoints/login-api.js')).loginApi,
  token: async () => (await import('../endpoints/token.js')).token,
  userinfo: async () => (await import('../endpoints/userinfo.js')).userinfo,
  revocation: async () => (await import('../endpoints/revocation.js')).revocation,
  introspection: async () => (await import('../endpoints/introspection.js')).introspection,
  endSession: async () => (await import('../endpoints/end-session.js')).endSession,
} satisfies Partial<Record<EndpointName, () => Promise<Endpoint>>>

export function routes(provider: Provider): Route[] {
  const { paths } = provider.config
  return [
    { name: 'discovery', path: '/.well-known/openid-configuration', methods: ['GET'], endpoint: discovery },
    { name: 'metadata', path: '/.well-known/oauth-authorization-server', methods: ['GET'], endpoint: discovery },
    { name: 'jwks', path: paths.jwks, methods: ['GET'], endpoint: jwks },
    // OIDC Core §3.1.2.1: "Authorization Servers MUST support the use of the HTTP GET and POST methods".
    {
      name: 'authorization',
      path: paths.authorization,
      methods: ['GET', 'POST'],
      endpoint: lazy(importers.authorization),
    },
    { name: 'login', path: paths.login, methods: ['GET', 'POST'], endpoint: lazy(importers.login) },
    { name: 'consent', path: paths.consent, methods: ['GET', 'POST'], endpoint: lazy(importers.consent) },
    // pages.loginApp "json-api": the login page's JSON API (its page computes the same path).
    ...(provider.config.pages.loginApp === 'json-api'
      ? [
          {
            name: 'loginApi' as const,
            path: `${paths.login}/api`,
            methods: ['POST'],
            endpoint: lazy(importers.loginApi),
          },
        ]
      : []),
    // RFC 6749 §3.2: "The client MUST use the HTTP POST method when making access token requests."
    { name: 'token', path: paths.token, methods: ['POST'], endpoint: lazy(importers.token) },
    // OIDC Core §5.3.1: "The Client MUST use GET or POST".
    { name: 'userinfo', path: paths.userinfo, methods: ['GET', 'POST'], endpoint: lazy(importers.userinfo) },
    { name: 'revocation', path: paths.revocation, methods: ['POST'], endpoint: lazy(importers.revocation) },
    { name: 'introspection', path: paths.introspection, methods: ['POST'], endpoint: lazy(importers.introspection) },
    { name: 'endSession', path: paths.endSession, methods: ['GET', 'POST'], endpoint: lazy(importers.endSession) },
  ]
}
