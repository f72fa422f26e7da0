/**
 * One HTTP request and its response, as kept for evidence. Secrets are redacted when an exchange
 * is recorded, so nothing downstream (checks, reports, logs) can leak them.
 */
import { REDACTED, redactHeader, redactJson, redactParams, redactText } from '../../core/redact.js'

export interface Exchange {
  id: number
  /** What the suite was doing, e.g. "token: redeem the code a second time". */
  label: string
  request: {
    method: string
    url: string
    headers: Record<string, string>
    body?: string
  }
  response?: {
    status: number
    headers: Record<string, string>
    body: string
  }
  /** Set when no response came back (timeout, connection refused). */
  error?: string
  durationMs: number
}

/** Replaces secret-bearing query parameters, headers and body members with [REDACTED]. */
export function redactExchange(exchange: Exchange, extraSecrets: string[] = []): Exchange {
  const scrub = (text: string) => scrubSecrets(redactText(text), extraSecrets)
  return {
    ...exchange,
    request: {
      method: exchange.request.method,
      url: scrub(redactUrl(exchange.request.url)),
      headers: redactHeaders(exchange.request.headers, extraSecrets),
      ...(exchange.request.body === undefined ? {} : { body: scrub(redactBody(exchange.request.body)) }),
    },
    ...(exchange.response
      ? {
          response: {
            status: exchange.response.status,
            headers: redactHeaders(exchange.response.headers, extraSecrets),
            body: scrub(redactBody(exchange.response.body)),
          },
        }
      : {}),
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const query = redactParams(parsed.searchParams).toString()
    const hash = parsed.hash.length > 1 ? `#${redactParams(new URLSearchParams(parsed.hash.slice(1))).toString()}` : ''
    return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}${hash}`
  } catch {
    return redactText(url)
  }
}

function redactHeaders(headers: Record<string, string>, extraSecrets: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    const redacted = redactHeader(name, value)
    // A Location header carries codes and tokens in its query or fragment.
    out[name] = scrubSecrets(name.toLowerCase() === 'location' ? redactUrl(redacted) : redacted, extraSecrets)
  }
  return out
}

function redactBody(body: string): string {
  const trimmed = body.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(body)))
    } catch {}
  }
  if (/^[\w.\-~%+]+=[^<>\s]*(&[\w.\-~%+]+=[^<>\s]*)*$/.test(body.trim())) {
    return redactParams(new URLSearchParams(body)).toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)
  }
  return body
}

/** Free text (a message, a trace file): secret-bearing parameters and members redacted, literal secrets removed. */
export function redactFreeText(text: string, secrets: string[] = []): string {
  return scrubSecrets(redactText(text), secrets)
}

/** Literal secrets the run knows about (client secrets, passwords) are removed wherever they appear. */
export function scrubSecrets(text: string, secrets: string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < 4) continue
    for (const form of new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
    ])) {
      out = out.split(form).join(REDACTED)
    }
  }
  return out
}
