/**
 * Baselines (waivers): known findings a team accepts for now, each with a reason and an optional
 * expiry. A waived finding is reported as "waived", not failed; an expired waiver no longer
 * applies; a waiver that matches no finding is reported as stale so baselines don't rot.
 */
import { z } from 'zod'
import { ReportError } from './parse-report.js'
import type { Report, ReportCheck } from './schema.js'

export const baselineSchema = z.strictObject({
  $schema: z.string().optional(),
  waivers: z.array(
    z.strictObject({
      check: z.string().min(1).describe('The check id to waive.'),
      reason: z.string().min(1).describe('Why this finding is accepted for now.'),
      expires: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
        .optional()
        .describe('The last day the waiver applies.'),
    }),
  ),
})

export type Baseline = z.infer<typeof baselineSchema>

export function parseBaseline(json: unknown, source = 'baseline'): Baseline {
  const result = baselineSchema.safeParse(json)
  if (!result.success) {
    const issue = result.error.issues[0]!
    throw new ReportError(`${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  return result.data
}

/**
 * Findings can be waived; an `error` cannot: it is not a finding but a check the run could not
 * judge, and waiving it would let an incomplete run pass as conformant. A waiver that names a
 * check in error is kept (not stale) and does nothing until the check can be judged again.
 */
const WAIVABLE = new Set(['failed', 'warning'])

export function applyBaseline(
  checks: ReportCheck[],
  baseline: Baseline,
  today: string,
): {
  checks: ReportCheck[]
  stale: Array<{ check: string; reason: string }>
  expired: Array<{ check: string; reason: string; expires: string }>
} {
  const used = new Set<string>()
  const expired: Array<{ check: string; reason: string; expires: string }> = []
  const out = checks.map((check) => {
    const waiver = baseline.waivers.find((candidate) => candidate.check === check.id)
    if (waiver && check.outcome === 'error') used.add(waiver.check)
    if (!waiver || !WAIVABLE.has(check.outcome)) return check
    used.add(waiver.check)
    if (waiver.expires !== undefined && waiver.expires < today) {
      expired.push({ check: waiver.check, reason: waiver.reason, expires: waiver.expires })
      return {
        ...check,
        message: `${check.message ?? ''} (waiver expired on ${waiver.expires}: ${waiver.reason})`.trim(),
      }
    }
    return {
      ...check,
      outcome: 'waived' as const,
      waiver: {
        reason: waiver.reason,
        ...(waiver.expires ? { expires: waiver.expires } : {}),
        originalOutcome: check.outcome as 'failed' | 'warning',
      },
    }
  })
  const stale = baseline.waivers
    .filter((waiver) => !used.has(waiver.check))
    .map(({ check, reason }) => ({ check, reason }))
  return { checks: out, stale, expired }
}

/** A baseline that waives every current finding of a report (`codeflow baseline report.json`). */
export function baselineFromReport(report: Report, reason = 'accepted when the baseline was created'): Baseline {
  return {
    waivers: report.checks
      .filter((check) => WAIVABLE.has(check.outcome) || check.outcome === 'waived')
      .map((check) => ({
        check: check.id,
        reason: check.waiver?.reason ?? `${reason}: ${check.message ?? check.title}`,
      })),
  }
}
