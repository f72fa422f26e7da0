/**
 * The one place that reads a web-standard Request: everything past here works on a
 * ParsedRequest, so endpoints and steps are testable without a server.
 */
import { InvalidRequest } from '../errors.js'

export interface ParsedRequest {
  method: string
  url: URL
  query: URLSearchParams
  /** Raw body text (already size-checked); undefined for a request without a body. */
  bodyText: string | undefined
  /** The media type of Content-Type, lower-cased, without parameters. */
  contentType: string | undefined
  headers: Headers
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

export async function parseRequest(request: Request, maxBodyBytes: number): Promise<ParsedRequest> {
  const url = new URL(request.url)
  const headers = request.headers
  const contentType = mediaType(headers.get('content-type'))
  const method = request.method
  let bodyText: string | undefined
  // GET and HEAD carry no body; `method` is checked first because merely touching `request.body`
  // makes @hono/node-server build a full web Request (AbortSignal, ReadableStream) per request.
  if (method !== 'GET' && method !== 'HEAD') {
    const length = headers.get('content-length')
    const declared = Number(length ?? '0')
    if (declared > maxBodyBytes) throw new PayloadTooLarge(`request body exceeds ${maxBodyBytes} bytes`)
    if (length !== null && DIGITS.test(length)) {
      // A declared length within the limit: read the body in one go (Node's HTTP parser never
      // delivers more than Content-Length bytes; the size is checked again all the same).
      const bytes = new Uint8Array(await request.arrayBuffer().catch(bodyNotReceived))
      if (bytes.byteLength > maxBodyBytes) throw new PayloadTooLarge(`request body exceeds ${maxBodyBytes} bytes`)
      bodyText = decodeUtf8(bytes)
    } else if (request.body) {
      bodyText = await readLimited(request.body, maxBodyBytes)
    }
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

const DIGITS = /^\d+$/
const utf8 = new TextDecoder('utf-8', { fatal: true })

/** A failed body read (the client went away mid-upload) becomes the typed error. */
function bodyNotReceived(): never {
  throw new BodyNotReceived()
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes)
  } catch {
    throw new InvalidRequest('request body is not valid UTF-8')
  }
}

async function readLimited(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read().catch(bodyNotReceived)
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel().catch(() => {})
      throw new PayloadTooLarge(`request body exceeds ${limit} bytes`)
    }
    chunks.push(value)
  }
  return decodeUtf8(Buffer.concat(chunks))
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
