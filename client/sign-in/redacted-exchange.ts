/** One request of a sign-in as report evidence: URL parameters, headers and bodies redacted. */
import { redactHeader, redactParams, redactText } from '../../core/redact.js'
import type { Exchange } from '../../reports/run-result.js'
import { MAX_EVIDENCE_CHARS } from './sign-in-driver.js'

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.search = redactParams(parsed.searchParams).toString()
    if (parsed.hash.length > 1) parsed.hash = redactParams(new URLSearchParams(parsed.hash.slice(1))).toString()
    return parsed.href
  } catch {
    return redactText(url)
  }
}

export function redactedExchange(input: {
  id: number
  label: string
  method: string
  url: string
  requestHeaders?: Headers | Record<string, string>
  requestBody?: string
  status?: number
  responseHeaders?: Headers
  responseBody?: string
  error?: string
  durationMs: number
}): Exchange {
  const headers = (source: Headers | Record<string, string> | undefined) =>
    Object.fromEntries(
      [...(source instanceof Headers ? source.entries() : Object.entries(source ?? {}))].map(([name, value]) => [
        name,
        redactHeader(name, value),
      ]),
    )
  const body = (text: string) =>
    redactText(text.length > MAX_EVIDENCE_CHARS ? `${text.slice(0, MAX_EVIDENCE_CHARS)}…[truncated]` : text)
  return {
    id: input.id,
    label: input.label,
    request: {
      method: input.method,
      url: redactUrl(input.url),
      headers: headers(input.requestHeaders),
      ...(input.requestBody === undefined
        ? {}
        : { body: redactParams(new URLSearchParams(input.requestBody)).toString() }),
    },
    ...(input.status === undefined
      ? {}
      : {
          response: {
            status: input.status,
            headers: headers(input.responseHeaders),
            body: body(input.responseBody ?? ''),
          },
        }),
    ...(input.error === undefined ? {} : { error: input.error }),
    durationMs: Math.round(input.durationMs),
  }
}
