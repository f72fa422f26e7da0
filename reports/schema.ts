/**
 * The JSON report: the source of truth of a run (issue 5). Every other format (JUnit, HTML,
 * Markdown) is rendered from it. Versioned: a reader checks `schemaVersion` first; the JSON
 * Schema is exported to `schemas/report.schema.json`.
 */
import { z } from 'zod'

export const REPORT_SCHEMA_VERSION = 1

const exchangeSchema = z.object({
  id: z.number(),
  label: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
  }),
  response: z.object({ status: z.number(), headers: z.record(z.string(), z.string()), body: z.string() }).optional(),
  error: z.string().optional(),
  durationMs: z.number(),
})

export const reportCheckSchema = z.object({
  id: z.string().describe('Stable check id, e.g. "token.invalid-client-basic-401".'),
  title: z.string(),
  area: z.string(),
  level: z.enum(['MUST', 'SHOULD', 'MAY']),
  spec: z.array(z.object({ token: z.string(), title: z.string(), url: z.string() })),
  outcome: z.enum(['passed', 'failed', 'warning', 'skipped', 'error', 'waived']),
  informational: z.boolean().optional().describe('A MAY/policy observation reported as passed with a note.'),
  message: z.string().optional(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  waiver: z
    .object({
      reason: z.string(),
      expires: z.string().optional(),
      originalOutcome: z.enum(['failed', 'warning', 'error']),
    })
    .optional()
    .describe('Set when a baseline waiver turned a finding into "waived".'),
  evidence: z
    .object({ exchanges: z.array(exchangeSchema) })
    .describe('The HTTP exchanges the verdict was judged on, secrets redacted.'),
  durationMs: z.number(),
})

export const summarySchema = z.object({
  passed: z.number(),
  failed: z.number(),
  warning: z.number(),
  skipped: z.number(),
  error: z.number(),
  waived: z.number(),
})

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('codeflow'), version: z.string() }),
  target: z.object({ name: z.string(), issuer: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  gate: z.object({ failOn: z.enum(['must', 'should', 'never']) }),
  conformant: z.boolean().describe('True when no finding trips the gate.'),
  summary: summarySchema,
  baseline: z
    .object({
      file: z.string(),
      stale: z.array(z.object({ check: z.string(), reason: z.string() })).describe('Waivers that matched no finding.'),
      expired: z.array(z.object({ check: z.string(), reason: z.string(), expires: z.string() })),
    })
    .optional(),
  checks: z.array(reportCheckSchema),
})

export type Report = z.infer<typeof reportSchema>
export type ReportCheck = z.infer<typeof reportCheckSchema>
export type ReportOutcome = ReportCheck['outcome']
export type Summary = z.infer<typeof summarySchema>
export type FailOn = Report['gate']['failOn']

export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(reportSchema, { unrepresentable: 'any' }) as Record<string, unknown>),
    $id: 'https://codeflow.dev/schemas/report.schema.json',
    title: 'Codeflow conformance report',
  }
}

export class ReportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReportError'
  }
}

/** Parses a report.json, refusing other schema versions with a clear message. */
export function parseReport(json: unknown, source = 'report'): Report {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion
  if (version !== REPORT_SCHEMA_VERSION) {
    throw new ReportError(
      `${source}: schemaVersion ${String(version)} is not supported (this codeflow reads version ${REPORT_SCHEMA_VERSION})`,
    )
  }
  const result = reportSchema.safeParse(json)
  if (!result.success) {
    const first = result.error.issues[0]!
    throw new ReportError(
      `${source}: not a valid codeflow report at ${first.path.join('.') || '(root)'}: ${first.message}`,
    )
  }
  return result.data
}
