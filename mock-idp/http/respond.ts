/**
 * What an EndpointResult (or an OAuthError) says on the wire: its parts, written by Node's server
 * straight (node-route.ts), or as a web-standard Response (the Hono app).
 */
import { OAuthError } from '../errors.js'
import { NO_FORM_CSP } from '../ui/content-security-policy.js'
import type { EndpointResult, SetCookie } from './endpoint-result.js'
import { NO_STORE } from './endpoint-result.js'

/**
 * Pages are self-contained: no scripts, no network fetches, not framable, and no form submission
 * unless the page sets a policy for its form (ui/content-security-policy.ts).
 */
const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': NO_FORM_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...NO_STORE,
}

/** The same headers, keyed by lower-case name (in the order `Headers` would combine them). */
const HTML_HEADER_ENTRIES = Object.entries(HTML_HEADERS).map(([name, value]) => [name.toLowerCase(), value] as const)

/** What a result says on the wire, before it becomes a web Response (or is written to Node directly). */
export interface ResponseParts {
  status: number
  /** Keyed by lower-case name (what a `Headers` object holds); Set-Cookie lines are in `cookies`. */
  headers: Record<string, string>
  body: string | null
  cookies: SetCookie[]
}

/**
 * The status, headers and body of a result: the one place that decides them, for the app
 * (`toResponse`), for Node's server (node-route.ts) and for the discovery answer written before
 * either loads (early-discovery.ts).
 */
export function responseParts(result: EndpointResult): ResponseParts {
  const headers: Record<string, string> = {}
  if (result.headers) {
    for (const [name, value] of Object.entries(result.headers)) {
      const key = name.toLowerCase()
      headers[key] = key in headers ? `${headers[key]}, ${value}` : value
    }
  }
  let body: string | null = null
  let status: number
  switch (result.kind) {
    case 'json':
      headers['content-type'] = 'application/json; charset=utf-8'
      body = JSON.stringify(result.body)
      status = result.status
      break
    case 'redirect':
      headers.location = result.location
      if (!('cache-control' in headers)) headers['cache-control'] = 'no-store'
      status = result.status ?? 302
      break
    case 'html':
      for (const [name, value] of HTML_HEADER_ENTRIES) if (!(name in headers)) headers[name] = value
      body = result.html
      status = result.status
      break
    case 'empty':
      status = result.status
      break
  }
  // A redirect or an empty answer says it has no content (RFC 9110 §8.6), rather than being sent
  // chunked with an empty last chunk; 204 and 304 carry no Content-Length at all.
  if (body === null && status !== 204 && status !== 304 && !('content-length' in headers))
    headers['content-length'] = '0'
  return { status, headers, body, cookies: result.cookies ?? [] }
}

/**
 * Headers go out as a plain object keyed by lower-case name (what a `Headers` object holds, without
 * building one: @hono/node-server writes a plain object straight to the socket). Only a response
 * that sets cookies needs a `Headers`, for its repeated Set-Cookie lines.
 */
export function toResponse(result: EndpointResult): Response {
  return responseFrom(responseParts(result))
}

export function responseFrom({ status, headers, body, cookies }: ResponseParts): Response {
  if (cookies.length === 0) return new Response(body, { status, headers })
  const withCookies = new Headers(headers)
  for (const cookie of cookies) withCookies.append('Set-Cookie', serializeCookie(cookie))
  return new Response(body, { status, headers: withCookies })
}

/** RFC 6749 §5.2 error response: JSON body, the error's status, never cached. */
export function errorResponse(error: OAuthError): Response {
  return toResponse(oauthErrorResult(error))
}

/** The error's JSON answer with another status than its own (e.g. 404 for a path no route serves). */
export function errorResponseWithStatus(error: OAuthError, status: number): Response {
  const response = errorResponse(error)
  return new Response(response.body, { status, headers: response.headers })
}

export function oauthErrorResult(error: OAuthError): EndpointResult {
  return { kind: 'json', status: error.status, body: error.toJSON(), headers: { ...NO_STORE, ...error.headers } }
}

export function serializeCookie(cookie: SetCookie): string {
  const parts = [`${cookie.name}=${encodeURIComponent(cookie.value)}`, `Path=${cookie.path ?? '/'}`]
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${cookie.maxAge}`)
  if (cookie.httpOnly ?? true) parts.push('HttpOnly')
  parts.push(`SameSite=${cookie.sameSite ?? 'Lax'}`)
  if (cookie.secure) parts.push('Secure')
  return parts.join('; ')
}

export { OAuthError }
