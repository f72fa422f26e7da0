/**
 * The requests the mock IdP answered, so a partner's test can assert what its client sent
 * ("did it use PKCE S256? send nonce? keep the secret out of the query?"). Bounded: the oldest
 * exchange goes first. Recording keeps references only; redaction happens when read, so the hot
 * path pays almost nothing.
 */
import type { EndpointResult } from './http/endpoint-result.js'
import { isSecretName, REDACTED, redactHeader, redactJson } from './redact.js'

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

interface RawExchange {
  endpoint: string
  method: string
  url: string
  bodyText: string | undefined
  contentType: string | undefined
  headers: Headers
  status: number
  result?: EndpointResult
  errorBody?: unknown
  at: number
}

export interface RequestFilter {
  /** Only this endpoint (route name), e.g. "token". */
  endpoint?: string
  /** false: the values as sent, secrets included (default true: client secrets, codes, verifiers, tokens, passwords and Authorization redacted). */
  redact?: boolean
}

/** A ring buffer: recording is O(1) on the request path; the oldest entry is overwritten. */
export class ExchangeRecorder {
  #entries: RawExchange[] = []
  #next = 0

  constructor(private readonly max: number) {}

  record(entry: RawExchange): void {
    if (this.max === 0) return
    if (this.#entries.length < this.max) this.#entries.push(entry)
    else this.#entries[this.#next] = entry
    this.#next = (this.#next + 1) % this.max
  }

  list(filter: RequestFilter = {}): RecordedExchange[] {
    const redact = filter.redact ?? true
    const ordered =
      this.#entries.length < this.max
        ? this.#entries
        : [...this.#entries.slice(this.#next), ...this.#entries.slice(0, this.#next)]
    return ordered
      .filter((entry) => filter.endpoint === undefined || entry.endpoint === filter.endpoint)
      .map((entry) => view(entry, redact))
  }

  clear(): void {
    this.#entries = []
    this.#next = 0
  }
}

function view(entry: RawExchange, redact: boolean): RecordedExchange {
  const url = new URL(entry.url)
  const params: Array<[string, string]> = [...url.searchParams]
  if (entry.bodyText !== undefined && entry.contentType === 'application/x-www-form-urlencoded') {
    params.push(...new URLSearchParams(entry.bodyText))
  }
  const headers: Record<string, string> = {}
  entry.headers.forEach((value, name) => {
    headers[name] = redact ? redactHeader(name, value) : value
  })
  const result = entry.result
  const responseBody = result?.kind === 'json' ? result.body : entry.errorBody
  const location = result?.kind === 'redirect' ? result.location : undefined
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
