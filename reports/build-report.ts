/** Turns a finished run into the versioned JSON report, applying the gate and an optional baseline. */
import { scrubSecrets } from '../core/redact.js'
import { resolveRef } from '../core/spec-refs.js'
import { applyBaseline, type Baseline } from './baseline.js'
import { isConformant, summarize } from './gate.js'
import { boundReport } from './report-bounds.js'
import { rootCausesOf } from './root-causes.js'
import type { CheckResult, SuiteRun } from './run-result.js'
import { type FailOn, REPORT_SCHEMA_VERSION, type Report, type ReportCheck, type ReportRootCause } from './schema.js'

export interface BuildReportOptions {
  toolVersion: string
  failOn?: FailOn
  baseline?: { file: string; baseline: Baseline }
  /** "Today" for waiver expiry, as YYYY-MM-DD (injected so tests are stable). */
  today?: string
  /** Literal secrets to scrub from every string of the report (defence in depth). */
  secrets?: string[]
  /**
   * Why the run stopped before every selected check had a result (a worker crashed, the run was
   * interrupted): the report is then incomplete, whatever the results it has say.
   */
  stopped?: string[]
}

/** The root cause of a run that stopped early; it blocked the checks that have no result at all. */
export const STOPPED_CAUSE_ID = 'run:stopped'

export function buildReport(run: SuiteRun, options: BuildReportOptions): Report {
  const failOn = options.failOn ?? 'must'
  let checks = run.results.map(toReportCheck)
  let baseline: Report['baseline']
  if (options.baseline) {
    const applied = applyBaseline(
      checks,
      options.baseline.baseline,
      options.today ?? new Date().toISOString().slice(0, 10),
    )
    checks = applied.checks
    baseline = { file: options.baseline.file, stale: applied.stale, expired: applied.expired }
  }
  // `?? []`: runs collected by code older than the root-cause contract carry neither field.
  const grouped = rootCausesOf(checks, run.rootCauses ?? [])
  checks = grouped.checks
  const rootCauses: ReportRootCause[] = [...grouped.rootCauses]
  if (options.stopped && options.stopped.length > 0) {
    rootCauses.push({
      id: STOPPED_CAUSE_ID,
      step: 'run the suite',
      message: options.stopped.join('; '),
      attempts: 1,
      blocked: [],
      exchanges: [],
    })
  }
  const incomplete = rootCauses.length > 0
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'codeflow', version: options.toolVersion },
    kind: run.kind ?? 'server',
    target: run.target,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    gate: { failOn },
    conformant: !incomplete && isConformant(checks, failOn),
    incomplete,
    rootCauses,
    robustness: (run.robustness ?? []).map(({ step, concurrency, message, exchanges }) => ({
      step,
      concurrency,
      message,
      exchanges,
    })),
    summary: summarize(checks),
    ...(baseline ? { baseline } : {}),
    checks,
  }
  const bounded = boundReport(report)
  return options.secrets && options.secrets.length > 0 ? scrubReport(bounded, options.secrets) : bounded
}

const ORDER: Record<string, number> = { failed: 0, error: 1, warning: 2, waived: 3, passed: 4, skipped: 5 }

function toReportCheck(result: CheckResult): ReportCheck {
  return {
    id: result.id,
    title: result.title,
    area: result.area,
    level: result.level,
    spec: result.spec.map((token) => {
      const ref = resolveRef(token)
      return { token, title: ref.title, url: ref.url }
    }),
    outcome: result.outcome,
    ...(result.informational ? { informational: true } : {}),
    ...(result.message === undefined ? {} : { message: result.message }),
    ...(result.expected === undefined ? {} : { expected: result.expected }),
    ...(result.actual === undefined ? {} : { actual: result.actual }),
    evidence: { exchanges: result.exchanges },
    durationMs: Math.round(result.durationMs),
    ...(result.outcome === 'error' && result.rootCause !== undefined ? { rootCause: result.rootCause } : {}),
  }
}

/** Failures first, then by area and id: the order every renderer shows. */
export function sortChecks(checks: ReportCheck[]): ReportCheck[] {
  return [...checks].sort(
    (a, b) =>
      (ORDER[a.outcome] ?? 9) - (ORDER[b.outcome] ?? 9) || a.area.localeCompare(b.area) || a.id.localeCompare(b.id),
  )
}

/** Every string of the report (keys included), scrubbed one by one: no copy of the whole report as one string. */
function scrubReport(report: Report, secrets: string[]): Report {
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return scrubSecrets(value, secrets)
    if (Array.isArray(value)) return value.map(scrub)
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(
        Object.entries(value).map(([key, member]) => [scrubSecrets(key, secrets), scrub(member)]),
      )
    return value
  }
  return scrub(report) as Report
}
