/**
 * One HTTP request and its response, as kept for evidence. Secrets are redacted when an exchange
 * is recorded, so nothing downstream (checks, reports, logs) can leak them; bodies are kept up to
 * limits.maxEvidenceBytes, cut with a marker (docs/runner-limits.md).
 */
import {
  REDACTED,
  redactHeader,
  redactJson,
  redactParams,
  redactText,
  SECRET_NAMES,
  scrubSecrets,
} from '../../core/redact.js'
import type { BodyTruncation, Exchange } from '../../reports/run-result.js'
import { truncationMarker, utf8Prefix } from './limits.js'

/**
 * At most `maxBytes` of a body, without a marker; `known` describes a body already cut when it
 * was read. The marker is added once, when the exchange is kept (boundExchange).
 */
export function cutBody(
  body: string,
  maxBytes: number,
  known?: BodyTruncation,
): { body: string; truncated?: BodyTruncation } {
  const prefix = utf8Prefix(body, maxBytes)
  if (!prefix) return known ? { body, truncated: { ...known, keptBytes: Buffer.byteLength(body) } } : { body }
  const totalBytes = known ? known.totalBytes : Buffer.byteLength(body)
  return {
    body: prefix.text,
    truncated: {
      keptBytes: prefix.keptBytes,
      ...(totalBytes === undefined ? {} : { totalBytes }),
      ...(known?.readLimit === undefined ? {} : { readLimit: known.readLimit }),
    },
  }
}

/**
 * The exchange as kept: each body at most `maxBytes` (cut after redaction, so a long JSON body was
 * redacted whole), a cut one ending with `…[truncated: N bytes total]` and flagged `truncated`.
 */
export function boundExchange(exchange: Exchange, maxBytes: number, marker = true): Exchange {
  const bound = (body: string, known: BodyTruncation | undefined) => {
    const cut = cutBody(body, maxBytes, known)
    if (!cut.truncated) return { body: cut.body }
    const { totalBytes, readLimit } = cut.truncated
    const end = !marker
      ? ''
      : totalBytes !== undefined
        ? truncationMarker(totalBytes)
        : truncationMarker(undefined, readLimit ?? cut.truncated.keptBytes)
    return { body: `${cut.body}${end}`, truncated: cut.truncated }
  }
  const { truncated: sentCut, ...request } = exchange.request
  const sent = request.body === undefined ? undefined : bound(request.body, sentCut)
  const out: Exchange = { ...exchange, request: sent ? { ...request, ...sent } : request }
  if (!exchange.response) return out
  const { truncated: receivedCut, ...response } = exchange.response
  return { ...out, response: { ...response, ...bound(response.body, receivedCut) } }
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
      ...(exchange.request.truncated ? { truncated: exchange.request.truncated } : {}),
    },
    ...(exchange.response
      ? {
          response: {
            status: exchange.response.status,
            headers: redactHeaders(exchange.response.headers, extraSecrets),
            body: scrub(redactBody(exchange.response.body)),
            ...(exchange.response.truncated ? { truncated: exchange.response.truncated } : {}),
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

/** A secret JSON member whose value a body that broke off (or was cut) never closed: `…,"access_token":"eyJh`. */
const UNTERMINATED_SECRET_MEMBER = new RegExp(`"(${SECRET_NAMES.join('|')})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*$`, 'i')

function redactBody(body: string): string {
  const trimmed = body.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return JSON.stringify(redactJson(JSON.parse(body)))
    } catch {}
  }
  // A form body: `name=`, then no markup or space. Not `…(&name=value)*$`: `[^<>\s]*` already
  // matches that group, and spelled out it backtracks exponentially on a body like `a=&a=&…&a=<`.
  if (/^[\w.\-~%+]+=[^<>\s]*$/.test(body.trim())) {
    return redactParams(new URLSearchParams(body)).toString().replaceAll(encodeURIComponent(REDACTED), REDACTED)
  }
  return body.replace(UNTERMINATED_SECRET_MEMBER, (_match, name: string) => `"${name}":"${REDACTED}`)
}

/** Free text (a message, a trace file): secret-bearing parameters and members redacted, literal secrets removed. */
export function redactFreeText(text: string, secrets: string[] = []): string {
  return scrubSecrets(redactText(text), secrets)
}
