/**
 * When a failed shared setup (a gatherer) is tried again, and after how long. Only transient
 * failures are retried: no answer (connection refused or dropped, timeout), a 5xx, a 429 (after
 * its Retry-After, within a bound). A deterministic failure — a login page that refuses the
 * password, a 400 — fails at once: trying it again would only hide the cause behind a delay.
 */
import type { Exchange } from '../../reports/run-result.js'
import { TargetUnreachable } from './http-client.js'

export interface RetryPolicy {
  /** Tries in all, the first included (default 3). */
  attempts: number
  /** The wait before each retry (default 250 ms, then 1 s); the last value repeats. */
  delaysMs: number[]
  /** The longest Retry-After (429/503) the suite honours; a longer one is not retried. */
  maxRetryAfterMs: number
  /** Injected so that tests do not wait. */
  sleep: (ms: number) => Promise<void>
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  delaysMs: [250, 1000],
  maxRetryAfterMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/** A response that says "not now" rather than "no": 5xx, 429, or no response at all. */
export function isServerFailure(exchange: Exchange): boolean {
  if (exchange.error !== undefined || !exchange.response) return true
  return exchange.response.status >= 500 || exchange.response.status === 429
}

/** Why a failure may pass on its own, or undefined when it is deterministic. */
export function transientReason(error: unknown, exchanges: readonly Exchange[]): string | undefined {
  if (error instanceof TargetUnreachable) return error.exchange.error ?? 'no answer'
  const status = statusOf(error)
  if (status !== undefined && (status >= 500 || status === 429)) return `HTTP ${status}`
  const failure = exchanges.findLast(isServerFailure)
  if (!failure) return undefined
  return failure.response ? `HTTP ${failure.response.status} to "${failure.label}"` : `no answer to "${failure.label}"`
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason?: string }

/**
 * Whether to try again after failed attempt number `attempt` (1-based), and how long to wait:
 * the backoff, or longer when the last 429/503 asked for it with Retry-After.
 */
export function retryDecision(
  policy: RetryPolicy,
  attempt: number,
  exchanges: readonly Exchange[],
  now: number = Date.now(),
): RetryDecision {
  if (attempt >= policy.attempts) return { retry: false }
  const backoff = policy.delaysMs[Math.min(attempt - 1, policy.delaysMs.length - 1)] ?? 0
  const asked = exchanges.findLast((exchange) => [429, 503].includes(exchange.response?.status ?? 0))
  const retryAfter = asked ? retryAfterMs(headerOf(asked, 'retry-after'), now) : undefined
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) {
    return {
      retry: false,
      reason: `the target asked to retry after ${Math.ceil(retryAfter / 1000)} s (Retry-After), longer than the ${policy.maxRetryAfterMs / 1000} s the suite waits`,
    }
  }
  return { retry: true, delayMs: Math.max(backoff, retryAfter ?? 0) }
}

/** RFC 9110 §10.2.3: Retry-After is delay-seconds or an HTTP-date. */
export function retryAfterMs(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function headerOf(exchange: Exchange, name: string): string | undefined {
  const headers = exchange.response?.headers ?? {}
  const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name)
  return key === undefined ? undefined : headers[key]
}

/** A DriveError may say which status stopped it (`detail.status`). */
function statusOf(error: unknown): number | undefined {
  const detail = (error as { detail?: { status?: unknown } } | undefined)?.detail
  return typeof detail?.status === 'number' ? detail.status : undefined
}
