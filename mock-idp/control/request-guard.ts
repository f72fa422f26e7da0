/**
 * What the control API checks before it reads a byte of a request's body, in this order
 * (CONTROL_GUARDS): the Host it was sent to (DNS rebinding), the site that sent it (a web page),
 * the token, the operation, the media type and the declared length. A refused request never has
 * its body read: its answer says `Connection: close`, so the rest of an upload is never taken in.
 *
 * Why each: a browser sends `text/plain` bodies cross-site without a preflight (Fetch §3.2.3
 * "CORS-safelisted request-header"), and a page whose host name is re-pointed at 127.0.0.1 is
 * same-origin with a loopback server (DNS rebinding): only the Host and Origin headers tell.
 */
import { timingSafeEqual } from 'node:crypto'

export interface ControlRoute {
  method: string
  /** Under the prefix; `{id}` matches one path segment. */
  path: string
}

export interface GuardSettings {
  /** The bearer token the API needs, when one is configured. */
  token: string | undefined
  /** The issuer (its host is always a right Host, its origin a right Origin). */
  issuer: string
  /** Where the server listens: on a loopback address, only loopback hosts on this port are right. */
  listen: { host: string; port: number }
  /** The operations served (the issuers operations only at the root issuer). */
  routes: readonly ControlRoute[]
  maxBodyBytes: number
}

export interface GuardedRequest {
  method: string
  /** The full URL as received (its host is the Host header). */
  url: URL
  /** The path under the control prefix, e.g. `/use`. */
  path: string
  headers: Headers
}

/** A refusal: status, OAuth-style error code and description, and headers. */
export interface Refusal {
  status: 400 | 401 | 403 | 404 | 405 | 413 | 415 | 421
  error: 'invalid_request' | 'invalid_token' | 'access_denied'
  description: string
  headers?: Record<string, string>
}

type Guard = (request: GuardedRequest, settings: GuardSettings) => Refusal | undefined

/** The order of the checks: one line each. */
export const CONTROL_GUARDS: Guard[] = [
  rightHost,
  sameOrigin,
  bearerToken,
  knownOperation,
  jsonMediaType,
  declaredLength,
]

export function refusalBeforeBody(request: GuardedRequest, settings: GuardSettings): Refusal | undefined {
  for (const guard of CONTROL_GUARDS) {
    const refusal = guard(request, settings)
    if (refusal) return refusal
  }
  return undefined
}

/** Whether a body follows the headers (RFC 9112 §6.3: Transfer-Encoding, or a non-zero Content-Length). */
export function bodyFollows(request: GuardedRequest): boolean {
  if (request.headers.has('transfer-encoding')) return true
  const length = request.headers.get('content-length')
  return length !== null && length.trim() !== '0'
}

/**
 * On a loopback address the Host must name this server: a loopback address or `localhost` with
 * its port, or the issuer's host. A re-pointed name (`evil.example`) is refused with 421
 * (RFC 9110 §15.5.20: "the request was directed at a server that is … unwilling to produce an
 * authoritative response for the target URI"). Beyond loopback a token is required anyway, and a
 * proxy may send any Host.
 */
function rightHost(request: GuardedRequest, settings: GuardSettings): Refusal | undefined {
  if (!isLoopbackName(settings.listen.host)) return undefined
  const { url } = request
  if (url.host === new URL(settings.issuer).host) return undefined
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  if (isLoopbackName(url.hostname) && (settings.listen.port === 0 || port === settings.listen.port)) return undefined
  return {
    status: 421,
    error: 'invalid_request',
    description: `the control API answers only requests to this server (Host ${url.host} is neither a loopback address on port ${settings.listen.port} nor the issuer's host)`,
  }
}

/**
 * A browser says which site sent a request: `Origin` (RFC 6454 §7, sent with every cross-site
 * POST) and `Sec-Fetch-Site` (Fetch Metadata). Only the server's own pages, or no browser at all,
 * may call the control API, token or not.
 */
function sameOrigin(request: GuardedRequest, settings: GuardSettings): Refusal | undefined {
  const origin = request.headers.get('origin')
  if (origin !== null && origin !== request.url.origin && origin !== new URL(settings.issuer).origin) {
    return {
      status: 403,
      error: 'access_denied',
      description: `the control API does not answer web pages of other origins (Origin ${origin})`,
    }
  }
  const site = request.headers.get('sec-fetch-site')
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return {
      status: 403,
      error: 'access_denied',
      description: `the control API does not answer requests a browser marks "Sec-Fetch-Site: ${site}"`,
    }
  }
  return undefined
}

/** RFC 6750 §2.1, compared in constant time. */
function bearerToken(request: GuardedRequest, settings: GuardSettings): Refusal | undefined {
  if (settings.token === undefined) return undefined
  const presented = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
  if (presented !== undefined && sameSecret(presented, settings.token)) return undefined
  return {
    status: 401,
    error: 'invalid_token',
    description: 'the control API needs "Authorization: Bearer <control.token>"',
    headers: { 'WWW-Authenticate': 'Bearer realm="codeflow-control"' },
  }
}

/** 404 for a path no operation has; 405 with Allow (RFC 9110 §15.5.6) for a method it does not take. */
function knownOperation(request: GuardedRequest, settings: GuardSettings): Refusal | undefined {
  const allowed = allowedMethods(request.path, settings.routes)
  if (allowed.length === 0) {
    return {
      status: 404,
      error: 'invalid_request',
      description: `no control operation at ${printable(request.path)}`,
    }
  }
  if (allowed.includes(request.method)) return undefined
  return {
    status: 405,
    error: 'invalid_request',
    description: `${printable(request.method)} is not allowed at ${request.path}; use ${allowed.join(' or ')}`,
    headers: { Allow: allowed.join(', ') },
  }
}

/**
 * Every body is JSON (RFC 8259 §11: application/json, UTF-8): any other media type is refused
 * with 415 (RFC 9110 §15.5.16), `text/plain` above all, the one a page can send cross-site
 * without asking.
 */
function jsonMediaType(request: GuardedRequest): Refusal | undefined {
  if (request.method !== 'POST') return undefined
  const header = request.headers.get('content-type')
  if (header === null) {
    return bodyFollows(request)
      ? { status: 415, error: 'invalid_request', description: 'a control API body must be sent as application/json' }
      : undefined
  }
  const [type = '', ...parameters] = header.split(';').map((part) => part.trim().toLowerCase())
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length)
  if (type === 'application/json' && (charset === undefined || charset.replace(/"/g, '') === 'utf-8')) return undefined
  return {
    status: 415,
    error: 'invalid_request',
    description: `a control API body must be application/json (UTF-8), not ${printable(header)}`,
  }
}

/** RFC 9110 §15.5.14: a body declared larger than the limit is refused before it is read. */
function declaredLength(request: GuardedRequest, settings: GuardSettings): Refusal | undefined {
  const length = Number(request.headers.get('content-length') ?? '0')
  if (!(length > settings.maxBodyBytes)) return undefined
  return {
    status: 413,
    error: 'invalid_request',
    description: `the body exceeds ${settings.maxBodyBytes} bytes (limits.maxControlBodyBytes)`,
  }
}

/** The methods the operations at `path` take (HEAD wherever GET is). */
export function allowedMethods(path: string, routes: readonly ControlRoute[]): string[] {
  const methods = routes.filter((route) => pathMatches(route.path, path)).map((route) => route.method.toUpperCase())
  if (methods.includes('GET')) methods.push('HEAD')
  return methods
}

function pathMatches(template: string, path: string): boolean {
  const wanted = template.split('/')
  const actual = path.split('/')
  return (
    wanted.length === actual.length &&
    wanted.every((segment, index) => (segment === '{id}' ? actual[index] !== '' : segment === actual[index]))
  )
}

function isLoopbackName(host: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name)
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** A value quoted in a message: control characters shown escaped, and not too long. */
function printable(text: string): string {
  const quoted = JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text)
  return quoted.slice(1, -1)
}
