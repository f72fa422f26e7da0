/**
 * The HTTP driver's transport: a fetch over node:http that sends what a browser sends when the user
 * follows a link or submits a form, with manual redirects and one connection per request.
 *
 * Why not the global fetch: it always sends `Sec-Fetch-Mode: cors` (whatever the caller sets), and
 * a relying party may take that for a script's request (mod_auth_openidc answers 401 instead of
 * redirecting to the IdP) — Fetch Metadata (W3C) says a navigation is `navigate` / `document`.
 * And it is strict about what follows a complete response: some servers answer with an error page
 * and then write a second response on the same connection (Apache appends its own 500 error
 * document after mod_auth_openidc's declared `Content-Length`); a browser shows the first page,
 * so this keeps the first complete response (RFC 9112 §6.3: the declared length ends the message).
 */
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'

/** What a browser sends with a top-level navigation (Fetch Metadata Request Headers). */
export const NAVIGATION_HEADERS: Readonly<Record<string, string>> = {
  Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'Sec-Fetch-Mode': 'navigate',
  'Sec-Fetch-Dest': 'document',
  'Sec-Fetch-User': '?1',
  'Upgrade-Insecure-Requests': '1',
}

/** An answer larger than this is cut off here: the driver keeps far less of a page anyway. */
export const MAX_RESPONSE_BYTES = 4_000_000

export class NavigationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'NavigationError'
  }
}

export async function navigationFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input)
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new NavigationError(`cannot open ${url.protocol} URL ${url.origin}${url.pathname}: only http and https`)
  const headers = new Headers(init.headers)
  for (const [name, value] of Object.entries(NAVIGATION_HEADERS)) if (!headers.has(name)) headers.set(name, value)
  headers.set('Connection', 'close')
  const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body)
  if (body !== undefined) headers.set('Content-Length', String(Buffer.byteLength(body)))
  const signal = init.signal ?? undefined
  signal?.throwIfAborted()
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest

  return new Promise((resolve, reject) => {
    let answered: IncomingMessage | undefined
    let settled = false
    const chunks: Buffer[] = []
    let received = 0
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      outcome()
    }
    const finish = () =>
      settle(() => {
        const response = answered!
        const answer = new Headers()
        for (const [name, value] of Object.entries(response.headers))
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value])
            answer.append(name, item)
        const status = response.statusCode ?? 502
        const bodyless = status === 204 || status === 304 || (status >= 100 && status < 200)
        resolve(new Response(bodyless ? null : Buffer.concat(chunks), { status, headers: answer }))
      })
    const request = send(
      url,
      { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent: false },
      (response) => {
        answered = response
        response.on('data', (chunk: Buffer) => {
          if (received >= MAX_RESPONSE_BYTES) return
          chunks.push(chunk)
          received += chunk.length
          if (received >= MAX_RESPONSE_BYTES) {
            finish()
            request.destroy()
          }
        })
        response.on('end', finish)
        response.on('error', failed)
        response.on('close', () => {
          if (!response.complete)
            failed(new NavigationError(`the connection closed before the whole answer from ${url.origin} arrived`))
        })
      },
    )
    function failed(error: Error) {
      // The body parsed before the error is still on its way to 'data': look once it has arrived.
      setImmediate(() => {
        if (!signal?.aborted && answered !== undefined && completeBody(answered, received)) finish()
        else settle(() => reject(signal?.aborted ? signal.reason : error))
      })
    }
    const onAbort = () => request.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
    signal?.addEventListener('abort', onAbort, { once: true })
    request.on('error', failed)
    request.end(body)
  })
}

/** Whether the body received so far is the whole message its headers declared. */
function completeBody(response: IncomingMessage, received: number): boolean {
  const declared = Number(response.headers['content-length'])
  return Number.isInteger(declared) && received >= declared
}
