/**
 * CORS for browser-based clients (single-page apps that call the token endpoint with PKCE, fetch
 * discovery, the JWK Set and UserInfo). Off by default; `cors.origins` lists the origins allowed
 * (exact `scheme://host[:port]`, or "*"). Only back-channel endpoints answer CORS: the
 * authorization, login, consent and logout pages are navigations, which CORS does not govern.
 * No credentials mode: these endpoints authenticate with headers and PKCE, never with cookies.
 */
import type { MockIdpConfig } from '../config/schema.js'

const CORS_ROUTES = new Set(['discovery', 'metadata', 'jwks', 'token', 'userinfo', 'revocation', 'introspection'])

/** Request headers a client may send (Fetch standard: anything beyond the safelist needs listing). */
const ALLOWED_HEADERS = 'Authorization, Content-Type, DPoP, codeflow-behaviour'
/** Response headers a script may read: the Bearer challenge explains a refused token (RFC 6750 §3). */
const EXPOSED_HEADERS = 'WWW-Authenticate, Retry-After'

export function corsApplies(config: MockIdpConfig, routeName: string): boolean {
  return config.cors.origins.length > 0 && CORS_ROUTES.has(routeName)
}

/** The Access-Control-Allow-Origin value for this request's Origin, or undefined when not allowed. */
export function allowedOrigin(config: MockIdpConfig, origin: string | null): string | undefined {
  if (origin === null) return undefined
  if (config.cors.origins.includes('*')) return '*'
  return config.cors.origins.includes(origin) ? origin : undefined
}

/** The answer to a preflight (OPTIONS with Access-Control-Request-Method). */
export function preflight(allowed: string, methods: string[]): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': allowed,
      'Access-Control-Allow-Methods': methods.join(', '),
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    },
  })
}

/** Adds the CORS headers to an actual response. */
export function withCors(response: Response, allowed: string): Response {
  const headers = new Headers(response.headers)
  headers.set('Access-Control-Allow-Origin', allowed)
  headers.set('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  headers.append('Vary', 'Origin')
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
}
