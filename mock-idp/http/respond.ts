/** Turns an EndpointResult (or an OAuthError) into a web-standard Response. */
import { OAuthError } from '../errors.js'
import type { EndpointResult, SetCookie } from './endpoint-result.js'
import { NO_STORE } from './endpoint-result.js'

/** Pages are self-contained: no scripts, no network fetches, not framable. */
const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  ...NO_STORE,
}

export function toResponse(result: EndpointResult): Response {
  const headers = new Headers(result.headers)
  for (const cookie of result.cookies ?? []) headers.append('Set-Cookie', serializeCookie(cookie))
  switch (result.kind) {
    case 'json':
      headers.set('Content-Type', 'application/json; charset=utf-8')
      return new Response(JSON.stringify(result.body), { status: result.status, headers })
    case 'redirect':
      headers.set('Location', result.location)
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store')
      return new Response(null, { status: result.status ?? 302, headers })
    case 'html':
      for (const [name, value] of Object.entries(HTML_HEADERS)) if (!headers.has(name)) headers.set(name, value)
      return new Response(result.html, { status: result.status, headers })
    case 'empty':
      return new Response(null, { status: result.status, headers })
  }
}

/** RFC 6749 §5.2 error response: JSON body, the error's status, never cached. */
export function errorResponse(error: OAuthError): Response {
  return toResponse({
    kind: 'json',
    status: error.status,
    body: error.toJSON(),
    headers: { ...NO_STORE, ...error.headers },
  })
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
