/**
 * The requests the mock IdP answered, so a partner's test can assert what its client sent
 * ("did it use PKCE S256? send nonce? keep the secret out of the query?"). Bounded by count and
 * by bytes (`limits.maxRecordedExchanges`, `limits.maxRecordedBytes`): the oldest exchange goes
 * first. Recording keeps references to what `list` shows and nothing else (a page's HTML is not
 * kept); redaction happens when read, so the hot path pays almost nothing.
 */

import { isSecretName, REDACTED, redactHeader, redactJson } from '../core/redact.js'
import type { EndpointResult } from './http/endpoint-result.js'
import { type HeaderPairs, RawHeaderLines } from './http/header-list.js'
import { jsonSize } from './store/json-size.js'

export interface RecordedExchange {
  /** The route that answered: token, authorization, userinfo, … */
  endpoint: string
  method: string
  url: string
  /** Query and form parameters, in order (repeated ones repeated). */
  params: Array<[string, string]>
  headers: Record<string, string>
  status: number
  /** The JSON body the endpoint answered with, when it was JSON. */
  responseBody?: unknown
  /** The Location it redirected to, when it redirected. */
  location?: string
  /** Milliseconds since the epoch, from the provider's clock. */
  at: number
}

export interface RawExchange {
  endpoint: string
  method: string
  url: string
  bodyText: string | undefined
  contentType: string | undefined
  /**
   * A web `Headers`, or Node's raw header lines read as one (http/header-list.ts). A `Headers` is
   * only copied, never kept: one of @hono/node-server holds on to the whole Node request.
   */
  headers: Headers | RawHeaderLines
  status: number
  result?: EndpointResult
  errorBody?: unknown
  at: number
}

/** What is kept of an exchange: only what `list` shows, and what that costs. */
interface KeptExchange {
  endpoint: string
  method: string
  url: string
  bodyText: string | undefined
  contentType: string | undefined
  headers: HeaderPairs | RawHeaderLines
  status: number
  responseBody?: unknown
  location?: string
  at: number
  bytes: number
}

/** The exchange's own fields and references, beyond the strings counted one by one. */
const EXCHANGE_OVERHEAD = 256

export interface RequestFilter {
  /** Only this endpoint (route name), e.g. "token". */
  endpoint?: string
  /** false: the values as sent, secrets included (default true: client secrets, codes, verifiers, tokens, passwords and Authorization redacted). */
  redact?: boolean
}

/**
 * A ring buffer: recording is O(1) on the request path (amortised over the exchanges it drops);
 * the oldest exchange is dropped when the count or the bytes would exceed their bound. The newest
 * exchange is always kept, even alone over the byte bound (request size limits bound it).
 */
export class ExchangeRecorder {
  #slots: Array<KeptExchange | undefined> = []
  #start = 0
  #count = 0
  #bytes = 0

  constructor(
    private readonly max: number,
    private readonly maxBytes = Number.POSITIVE_INFINITY,
  ) {}

  /** Approximate bytes held (what `limits.maxRecordedBytes` bounds). */
  get bytes(): number {
    return this.#bytes
  }

  record(entry: RawExchange): void {
    if (this.max === 0) return
    const kept = keep(entry)
    if (this.#count === this.max) this.#dropOldest()
    while (this.#count > 0 && this.#bytes + kept.bytes > this.maxBytes) this.#dropOldest()
    this.#slots[(this.#start + this.#count) % this.max] = kept
    this.#count++
    this.#bytes += kept.bytes
  }

  list(filter: RequestFilter = {}): RecordedExchange[] {
    const redact = filter.redact ?? true
    const out: RecordedExchange[] = []
    for (let i = 0; i < this.#count; i++) {
      const entry = this.#slots[(this.#start + i) % this.max]!
      if (filter.endpoint === undefined || entry.endpoint === filter.endpoint) out.push(view(entry, redact))
    }
    return out
  }

  clear(): void {
    this.#slots = []
    this.#start = 0
    this.#count = 0
    this.#bytes = 0
  }

  #dropOldest(): void {
    const oldest = this.#slots[this.#start]
    this.#slots[this.#start] = undefined
    this.#bytes -= oldest?.bytes ?? 0
    this.#start = (this.#start + 1) % this.max
    this.#count--
  }
}

/**
 * An exchange as kept, as JSON (headers as name/value pairs), with what it costs: what a recorder
 * shared by several instances stores (store/redis-shared-state.ts).
 */
export type StoredExchange = KeptExchange & { headers: HeaderPairs }

export function storedExchange(entry: RawExchange): StoredExchange {
  const kept = keep(entry)
  return { ...kept, headers: pairsOf(kept.headers) }
}

function pairsOf(headers: HeaderPairs | RawHeaderLines): HeaderPairs {
  return headers instanceof RawHeaderLines ? headers.pairs() : headers
}

/** What `list` shows of a stored exchange. */
export function viewStoredExchange(entry: StoredExchange, redact: boolean): RecordedExchange {
  return view(entry, redact)
}

function keep(entry: RawExchange): KeptExchange {
  const { result } = entry
  const responseBody = result?.kind === 'json' ? result.body : entry.errorBody
  const location = result?.kind === 'redirect' ? result.location : undefined
  let bytes = EXCHANGE_OVERHEAD + entry.url.length + (entry.bodyText?.length ?? 0) + (location?.length ?? 0)
  const headers = entry.headers instanceof RawHeaderLines ? entry.headers : [...entry.headers]
  if (headers instanceof RawHeaderLines) bytes += headers.bytes
  else for (const [name, value] of headers) bytes += name.length + value.length + 4
  if (responseBody !== undefined) bytes += jsonSize(responseBody)
  return {
    endpoint: entry.endpoint,
    method: entry.method,
    url: entry.url,
    bodyText: entry.bodyText,
    contentType: entry.contentType,
    headers,
    status: entry.status,
    ...(responseBody === undefined ? {} : { responseBody }),
    ...(location === undefined ? {} : { location }),
    at: entry.at,
    bytes,
  }
}

function view(entry: KeptExchange, redact: boolean): RecordedExchange {
  const url = new URL(entry.url)
  const params: Array<[string, string]> = [...url.searchParams]
  if (entry.bodyText !== undefined && entry.contentType === 'application/x-www-form-urlencoded') {
    params.push(...new URLSearchParams(entry.bodyText))
  }
  const headers: Record<string, string> = {}
  for (const [name, value] of pairsOf(entry.headers)) headers[name] = redact ? redactHeader(name, value) : value
  const { responseBody, location } = entry
  return {
    endpoint: entry.endpoint,
    method: entry.method,
    url: redact ? redactUrl(url) : entry.url,
    params: redact ? params.map(([name, value]) => [name, isSecretName(name) ? REDACTED : value]) : params,
    headers,
    status: entry.status,
    ...(responseBody === undefined ? {} : { responseBody: redact ? redactJson(responseBody) : responseBody }),
    ...(location === undefined ? {} : { location: redact ? redactUrl(new URL(location)) : location }),
    at: entry.at,
  }
}

/** Redacts secret parameters in the query and in a fragment response (response_mode=fragment). */
function redactUrl(url: URL): string {
  const copy = new URL(url)
  for (const name of [...copy.searchParams.keys()]) if (isSecretName(name)) copy.searchParams.set(name, REDACTED)
  if (copy.hash.length > 1) {
    const fragment = new URLSearchParams(copy.hash.slice(1))
    for (const name of [...fragment.keys()]) if (isSecretName(name)) fragment.set(name, REDACTED)
    copy.hash = fragment.toString()
  }
  return copy.toString()
}
