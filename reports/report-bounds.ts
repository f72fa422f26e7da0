/**
 * What one report may hold, whatever the run handed it (docs/runner-limits.md): each message at
 * most MAX_TEXT_CHARS, each expected/actual value at most MAX_VALUE_JSON_CHARS of JSON, each check,
 * root cause and observation at most MAX_EXCHANGES exchanges (their bodies were cut when they were
 * recorded). So every part of a report, and the report written part by part, stays bounded.
 */
import type { Report, ReportCheck, ReportRobustnessFinding, ReportRootCause } from './schema.js'

export const MAX_TEXT_CHARS = 16 * 1024
export const MAX_VALUE_JSON_CHARS = 64 * 1024
export const MAX_EXCHANGES = 25

/** At most `max` characters of `text`, the rest replaced by a marker saying how long it was. */
export function boundText(text: string, max = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text
  // Never end on the first half of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max
  return `${text.slice(0, end)}…[truncated: ${text.length} characters]`
}

/** The value, or — when its JSON is longer than the bound — the start of its JSON as a string, marked. */
export function boundValue(value: unknown): unknown {
  let json: string | undefined
  try {
    json = JSON.stringify(value)
  } catch {
    return String(value)
  }
  if (json === undefined || json.length <= MAX_VALUE_JSON_CHARS) return value
  return `${json.slice(0, MAX_VALUE_JSON_CHARS)}…[truncated: ${json.length} characters of JSON]`
}

export function boundCheck(check: ReportCheck): ReportCheck {
  return {
    ...check,
    ...(check.message === undefined ? {} : { message: boundText(check.message) }),
    ...(check.expected === undefined ? {} : { expected: boundValue(check.expected) }),
    ...(check.actual === undefined ? {} : { actual: boundValue(check.actual) }),
    evidence: { exchanges: check.evidence.exchanges.slice(0, MAX_EXCHANGES) },
  }
}

export function boundRootCause(cause: ReportRootCause): ReportRootCause {
  return {
    ...cause,
    step: boundText(cause.step),
    message: boundText(cause.message),
    ...(cause.hint === undefined ? {} : { hint: boundText(cause.hint) }),
    // The last ones: the exchanges up to the failure.
    exchanges: cause.exchanges.slice(-MAX_EXCHANGES),
  }
}

export function boundRobustness(finding: ReportRobustnessFinding): ReportRobustnessFinding {
  return {
    ...finding,
    step: boundText(finding.step),
    message: boundText(finding.message),
    exchanges: finding.exchanges.slice(0, MAX_EXCHANGES),
  }
}

/** The report with every part bounded. */
export function boundReport(report: Report): Report {
  return {
    ...report,
    rootCauses: report.rootCauses.map(boundRootCause),
    robustness: report.robustness.map(boundRobustness),
    checks: report.checks.map(boundCheck),
  }
}
