/**
 * The one place that reads a request, whoever received it: a RequestSource is a web-standard
 * Request (web-request-source.ts: the Hono app, as msw and Playwright's `page.route` serve it) or
 * Node's own request (node-request-source.ts: the mock's HTTP server, node-route.ts). Everything
 * past here works on a ParsedRequest, so endpoints and steps are testable without a server, and
 * both receivers are served by the same code.
 */
import { InvalidRequest } from '../errors.js'
import type { RawHeaderLines } from './header-list.js'

/** The two reads any stage makes of a request's headers (names case-insensitive, as `Headers`). */
export interface RequestHeaders {
  get(name: string): string | null
  has(name: string): boolean
}

export interface RequestSource {
  /** As sent. */
  method: string
  /** The absolute URL the request was made to. */
  url: string
  headers: RequestHeaders
  /**
   * The body's bytes, or undefined for a request that has none. Stops reading past `limit` bytes
   * (returning what it read, which is then refused); a body cut off rejects with BodyNotReceived.
   */
  readBody(limit: number): Promise<Uint8Array | undefined>
  /** The headers as the recorder keeps them (recorder.ts). */
  headerList(): RawHeaderLines | Headers
  /** The connection a `drop` fault destroys; undefined outside Node (msw). */
  socket?: DroppableSocket
}

/** The socket a `drop` fault destroys. */
export interface DroppableSocket {
  destroy(): void
}

export interface ParsedRequest {
  method: string
  url: URL
  query: URLSearchParams
  /** Raw body text (already size-checked); undefined for a request without a body. */
  bodyText: string | undefined
  /** The media type of Content-Type, lower-cased, without parameters. */
  contentType: string | undefined
  headers: RequestHeaders
  cookies: Record<string, string>
}

export class PayloadTooLarge extends InvalidRequest {
  override readonly status = 413
}

/**
 * The client closed the connection (or the request timeout cut it) before the whole body arrived:
 * nobody is left to answer, and it is the client's doing, not a fault of the server.
 */
export class BodyNotReceived extends InvalidRequest {
  constructor() {
    super('the connection closed before the whole request body arrived')
  }
}

/** The media type of a Content-Type value, lower-cased, without parameters. */
export function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined
}

/**
 * The request read within `maxBodyBytes` (413 beyond, by its declared length before reading or
 * while reading) and decoded as UTF-8. GET and HEAD carry no body: their body is not touched,
 * because merely touching a web Request's body makes @hono/node-server build a full web Request
 * (AbortSignal, ReadableStream) for it.
 */
export async function parseRequest(source: RequestSource, maxBodyBytes: number): Promise<ParsedRequest> {
  const url = new URL(source.url)
  const { headers, method } = source
  const contentType = mediaType(headers.get('content-type'))
  let bodyText: string | undefined
  if (method !== 'GET' && method !== 'HEAD') {
    const declared = Number(headers.get('content-length') ?? '0')
    if (declared > maxBodyBytes) throw new PayloadTooLarge(`request body exceeds ${maxBodyBytes} bytes`)
    const bytes = await source.readBody(maxBodyBytes)
    if (bytes && bytes.byteLength > maxBodyBytes)
      throw new PayloadTooLarge(`request body exceeds ${maxBodyBytes} bytes`)
    if (bytes) bodyText = decodeUtf8(bytes)
  }
  return {
    method: method.toUpperCase(),
    url,
    query: url.searchParams,
    bodyText,
    contentType,
    headers,
    cookies: parseCookies(headers.get('cookie')),
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new InvalidRequest('request body is not valid UTF-8')
  }
}

export function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {}
  if (!header) return cookies
  for (const part of header.split(';')) {
    const index = part.indexOf('=')
    if (index <= 0) continue
    const name = part.slice(0, index).trim()
    const value = part.slice(index + 1).trim()
    if (!(name in cookies)) {
      try {
        cookies[name] = decodeURIComponent(value)
      } catch {
        cookies[name] = value
      }
    }
  }
  return cookies
}

/**
 * The form body of a POST (RFC 6749 §3.2: "application/x-www-form-urlencoded"). Returns empty
 * parameters for a request without a body.
 */
export function formBody(request: ParsedRequest): URLSearchParams {
  if (request.bodyText === undefined || request.bodyText === '') return new URLSearchParams()
  if (request.contentType !== 'application/x-www-form-urlencoded') {
    throw new InvalidRequest(
      `the request body must be application/x-www-form-urlencoded (RFC 6749 §3.2), got ${request.contentType ?? 'no Content-Type'}`,
    )
  }
  return new URLSearchParams(request.bodyText)
}
