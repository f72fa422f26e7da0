/**
 * The suite's only way to talk HTTP. Every request is recorded as an Exchange (redacted, its
 * bodies cut to limits.maxEvidenceBytes), never follows redirects on its own (a redirect to the
 * client's redirect_uri is captured, not followed), reads at most limits.maxResponseBytes of a
 * body, and has one timeout for the whole exchange, body included, so an unresponsive, endless or
 * oversized answer yields an `error` outcome, never a hang or a crash (docs/runner-limits.md).
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { CookieJar } from 'tough-cookie'
import type { BodyTruncation, Exchange } from '../../reports/run-result.js'
import { DriveError } from './evidence.js'
import { boundExchange, redactExchange } from './exchange.js'
import { DEFAULT_LIMITS, formatBytes, type ResponseKind, type RunnerLimits } from './limits.js'
import type { RequestGate } from './request-gate.js'

/** How a request met the target's load, for the engine's fallback to serial (run-suite.ts). */
export interface RequestLoad {
  /** Requests whose time in flight overlapped this one, itself included (1 = it was alone). */
  overlapping: number
  /** Set when the request was one of a burst that is simultaneous by design (concurrent-by-design.ts). */
  simultaneous?: string
}

/** Inside `occupy` or `simultaneously`: the scope already holds the gate, its requests pass. */
const holding = new AsyncLocalStorage<{ simultaneous?: string }>()

export interface HttpRequest {
  method?: string
  url: string
  headers?: Record<string, string>
  /** A form body (sent as application/x-www-form-urlencoded unless a Content-Type header is given). */
  form?: Record<string, string | undefined> | URLSearchParams
  /** A raw body, sent as is. */
  body?: string
  /** What the suite is doing, for the report. */
  label: string
  /** A cookie jar: cookies are sent and stored, as a browser would. */
  jar?: CookieJar
  /** What the response is, for its size limit (limits.maxResponseBytes); default `page`. */
  kind?: ResponseKind
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  /** The parsed JSON body, or undefined when the body is not JSON. */
  json: unknown
  exchange: Exchange
}

export class TargetUnreachable extends Error {
  constructor(
    message: string,
    readonly exchange: Exchange,
  ) {
    super(message)
    this.name = 'TargetUnreachable'
  }
}

/**
 * The body was larger than the runner reads (limits.maxResponseBytes): the exchange keeps its
 * start. Not transient, so never retried; the suite could not drive the target (outcome `error`).
 */
export class ResponseTooLarge extends DriveError {
  constructor(
    message: string,
    readonly exchange: Exchange,
  ) {
    super(message, { exchanges: [exchange] })
    this.name = 'ResponseTooLarge'
  }
}

export class HttpClient {
  readonly #exchanges: Exchange[] = []
  #nextId = 1

  constructor(
    private readonly options: {
      timeoutMs: number
      secrets: string[]
      userAgent?: string
      /** Sent with every request (target file `headers`); a request's own headers win. */
      headers?: Record<string, string>
      /** Bounds the requests in flight (shared by every run against the same target). */
      gate?: RequestGate
      /** Told about every exchange as it is recorded, in the async context of the request. */
      onExchange?: (exchange: Exchange, load?: RequestLoad) => void
      /** What it reads and keeps (target file `limits`); default DEFAULT_LIMITS. */
      limits?: RunnerLimits
    },
  ) {}

  /** The bounds this client reads and records with. */
  get limits(): RunnerLimits {
    return this.options.limits ?? DEFAULT_LIMITS
  }

  /**
   * Runs `task` alone against the target, its requests free to overlap each other: for checks
   * that need simultaneous requests (atomicity of a code or refresh token). `name` is one of the
   * declared exemptions from serial mode.
   */
  async simultaneously<T>(name: string, task: () => Promise<T>): Promise<T> {
    const release = this.options.gate && !holding.getStore() ? await this.options.gate.acquireAlone() : undefined
    try {
      return await holding.run({ simultaneous: name }, task)
    } finally {
      release?.()
    }
  }

  /**
   * Runs `task` holding one slot of the gate throughout (a login: its requests, and a browser's,
   * count as one flow in flight; in serial mode nothing else runs meanwhile). `opaque`: the task
   * sends requests this client does not see (a browser), so it counts as one request in flight
   * for the overlap of the others.
   */
  async occupy<T>(task: () => Promise<T>, options: { opaque?: boolean } = {}): Promise<T> {
    if (!this.options.gate || holding.getStore()) return task()
    const release = await this.options.gate.acquire()
    const ticket = options.opaque ? this.options.gate.begin() : undefined
    try {
      return await holding.run({}, task)
    } finally {
      ticket?.end()
      release()
    }
  }

  /** The headers sent with every request (the target file's `headers`). */
  get defaultHeaders(): Record<string, string> {
    return { ...this.options.headers }
  }

  get exchanges(): readonly Exchange[] {
    return this.#exchanges
  }

  newJar(): CookieJar {
    return new CookieJar()
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const method = request.method ?? (request.form || request.body !== undefined ? 'POST' : 'GET')
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent ?? 'codeflow-conformance',
      ...lower(this.options.headers),
      ...lower(request.headers),
    }
    let body: string | undefined = request.body
    if (request.form) {
      const params = request.form instanceof URLSearchParams ? request.form : toParams(request.form)
      body = params.toString()
      headers['content-type'] ??= 'application/x-www-form-urlencoded'
    }
    if (request.jar) {
      const cookie = await request.jar.getCookieString(request.url)
      if (cookie) headers.cookie = cookie
    }
    const held = holding.getStore()
    const release = this.options.gate && !held ? await this.options.gate.acquire() : undefined
    try {
      return await this.#exchange(request, method, headers, body, held)
    } finally {
      release?.()
    }
  }

  async #exchange(
    request: HttpRequest,
    method: string,
    headers: Record<string, string>,
    body: string | undefined,
    held: { simultaneous?: string } | undefined,
  ): Promise<HttpResponse> {
    const ticket = this.options.gate?.begin()
    const finish = (raw: Exchange): Exchange => {
      const load: RequestLoad = {
        overlapping: ticket?.end() ?? 1,
        ...(held?.simultaneous ? { simultaneous: held.simultaneous } : {}),
      }
      const exchange = this.#record(raw)
      this.options.onExchange?.(exchange, load)
      return exchange
    }
    const started = performance.now()
    const raw: Exchange = {
      id: this.#nextId++,
      label: request.label,
      request: { method, url: request.url, headers, ...(body === undefined ? {} : { body }) },
      durationMs: 0,
    }
    const unreachable = (error: unknown, during: 'answer' | 'body'): TargetUnreachable => {
      raw.durationMs = performance.now() - started
      raw.error = describeNetworkError(error, this.options.timeoutMs, during)
      const exchange = finish(raw)
      return new TargetUnreachable(`${method} ${exchange.request.url}: ${raw.error}`, exchange)
    }
    // One signal for the whole exchange: a body that trickles forever ends at the timeout too.
    const signal = AbortSignal.timeout(this.options.timeoutMs)
    let response: Response
    try {
      response = await fetch(request.url, { method, headers, body, redirect: 'manual', signal })
    } catch (error) {
      throw unreachable(error, 'answer')
    }
    const kind = request.kind ?? 'page'
    const maxBytes = this.limits.maxResponseBytes[kind]
    const read = await readBody(response, maxBytes)
    const text = new TextDecoder().decode(read.bytes)
    if (read.failure !== undefined) {
      // What arrived before the body broke off is kept: it is the evidence of where it stopped.
      raw.response = { status: response.status, headers: headersObject(response.headers), body: text }
      throw unreachable(read.failure, 'body')
    }
    if (request.jar) {
      for (const setCookie of response.headers.getSetCookie()) {
        await request.jar.setCookie(setCookie, request.url, { ignoreError: true })
      }
    }
    raw.durationMs = performance.now() - started
    raw.response = {
      status: response.status,
      headers: headersObject(response.headers),
      body: text,
      ...(read.overLimit ? { truncated: read.overLimit } : {}),
    }
    const exchange = finish(raw)
    if (read.overLimit) {
      const size = read.overLimit.totalBytes === undefined ? '' : ` (${read.overLimit.totalBytes} bytes)`
      throw new ResponseTooLarge(
        `${method} ${exchange.request.url}: the response body${size} is larger than the ${formatBytes(maxBytes)} the runner reads (limits.maxResponseBytes.${kind}): reading stopped there`,
        exchange,
      )
    }
    return { status: response.status, headers: response.headers, text, json: parseJson(text), exchange }
  }

  /**
   * Records an exchange made by something other than `send` (the browser driver's navigations):
   * it gets an id and is redacted like every other.
   */
  record(exchange: Omit<Exchange, 'id'>): Exchange {
    const recorded = this.#record({ ...exchange, id: this.#nextId++ })
    this.options.onExchange?.(recorded)
    return recorded
  }

  #record(raw: Exchange): Exchange {
    // Bodies handed in by others (a browser's) may be of any size: cut to what `send` would read, then redact.
    const read = boundExchange(raw, this.limits.maxResponseBytes.page, false)
    const exchange = boundExchange(redactExchange(read, this.options.secrets), this.limits.maxEvidenceBytes)
    this.#exchanges.push(exchange)
    return exchange
  }
}

interface BodyRead {
  bytes: Uint8Array
  /** Set when the body was larger than the limit: `bytes` is its start. */
  overLimit?: BodyTruncation
  /** Why the body did not arrive whole (timeout, connection reset): `bytes` is what came before. */
  failure?: unknown
}

/**
 * Reads at most `maxBytes` of the body, then cancels the rest (the connection is dropped, the
 * server's remaining bytes are never received).
 */
async function readBody(response: Response, maxBytes: number): Promise<BodyRead> {
  const chunks: Uint8Array[] = []
  let received = 0
  if (!response.body) return { bytes: new Uint8Array(0) }
  const reader = response.body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { bytes: Buffer.concat(chunks, received) }
      if (received + value.byteLength > maxBytes) {
        chunks.push(value.subarray(0, maxBytes - received))
        await reader.cancel().catch(() => {})
        // Content-Length is the size on the wire: the body's own size only when it is not compressed.
        const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity'
        const length = encoded ? Number.NaN : Number(response.headers.get('content-length') ?? Number.NaN)
        return {
          bytes: Buffer.concat(chunks, maxBytes),
          overLimit: {
            keptBytes: maxBytes,
            ...(Number.isSafeInteger(length) && length > maxBytes ? { totalBytes: length } : {}),
            readLimit: maxBytes,
          },
        }
      }
      chunks.push(value)
      received += value.byteLength
    }
  } catch (failure) {
    await reader.cancel().catch(() => {})
    return { bytes: Buffer.concat(chunks, received), failure }
  }
}

function lower(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value
  return out
}

function toParams(form: Record<string, string | undefined>): URLSearchParams {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(form)) if (value !== undefined) params.append(name, value)
  return params
}

function headersObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {}
  headers.forEach((value, name) => {
    out[name] = value
  })
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) out['set-cookie'] = cookies.join(', ')
  return out
}

export function parseJson(text: string): unknown {
  const trimmed = text.trimStart()
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function describeNetworkError(error: unknown, timeoutMs: number, during: 'answer' | 'body'): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return during === 'answer'
      ? `no answer within ${timeoutMs} ms`
      : `the response body did not end within ${timeoutMs} ms (timeouts.request)`
  }
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  const reason = cause?.code
    ? `${cause.code}${cause.message ? ` (${cause.message})` : ''}`
    : String((error as Error).message ?? error)
  return during === 'answer' ? reason : `the connection broke before the response body ended: ${reason}`
}
