/**
 * The JSON report: the source of truth of a run. Every other format (JUnit, HTML, Markdown, the
 * console summary) is rendered from it. Versioned: a reader checks `schemaVersion` first; the JSON
 * Schema is exported to `schemas/report.schema.json`.
 */
import { z } from 'zod'

/**
 * Still 1 after `kind`, `incomplete`, `rootCauses`, `robustness`, `checks[].rootCause` and the exchanges'
 * `truncated` were added:
 * they are additions that a version-1 reader ignores (zod strips unknown keys; the published
 * schema, generated in its input form, allows them), every field a version-1 reader relies on
 * kept its meaning, and this reader accepts reports written before them (parseReport derives the
 * missing fields). Bumping would make every older codeflow refuse every new report in `compare`.
 */
export const REPORT_SCHEMA_VERSION = 1

const truncationSchema = z
  .object({
    keptBytes: z.number().describe('Bytes of the body kept, before the "…[truncated: …]" marker.'),
    totalBytes: z.number().optional().describe("The whole body's size in bytes, when known."),
    readLimit: z
      .number()
      .optional()
      .describe('Set when reading stopped at this limit (limits.maxResponseBytes): the body was larger.'),
  })
  .describe('Set when the body holds only the start of what was sent (limits.maxEvidenceBytes).')

const exchangeSchema = z.object({
  id: z.number(),
  label: z.string(),
  request: z.object({
    method: z.string(),
    url: z.string(),
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
    truncated: truncationSchema.optional(),
  }),
  response: z
    .object({
      status: z.number(),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      truncated: truncationSchema.optional(),
    })
    .optional(),
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
  rootCause: z
    .string()
    .optional()
    .describe('For an "error": the id of the entry of rootCauses that kept this check from being judged.'),
})

export const rootCauseSchema = z.object({
  id: z.string().describe('Stable within the run, e.g. "gather:happy-flow".'),
  step: z.string().describe('What the suite was doing, e.g. "sign in once for the scenarios".'),
  message: z.string(),
  attempts: z.number().describe('How many times the step was tried.'),
  blocked: z.array(z.string()).describe('Ids of the checks that ended in "error" because of it.'),
  hint: z.string().optional().describe('What to change in the target file or on the server.'),
  artifacts: z
    .object({ screenshot: z.string().optional(), trace: z.string().optional() })
    .optional()
    .describe(
      'Files the login driver left: a PNG screenshot and a Playwright trace, relative to the report folder (artifacts/…).',
    ),
  exchanges: z.array(exchangeSchema).describe('The exchanges up to the failure, secrets redacted.'),
})

export const robustnessFindingSchema = z.object({
  step: z.string(),
  concurrency: z.number().describe('How many flows were in flight when the step failed.'),
  message: z.string(),
  exchanges: z.array(exchangeSchema),
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
  kind: z
    .enum(['server', 'client'])
    .default('server')
    .describe(
      'What the run judged: "server" (an authorization server, `codeflow run`) or "client" (a client application signed in through the mock IdP, `codeflow client`). Absent in reports written before it existed: "server".',
    ),
  target: z.object({ name: z.string(), issuer: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  gate: z.object({ failOn: z.enum(['must', 'should', 'never']) }),
  conformant: z
    .boolean()
    .describe('True when every check was judged (the run is not incomplete) and no finding trips the gate.'),
  incomplete: z
    .boolean()
    .default(false)
    .describe(
      'True when a check could not be judged (outcome "error") or the run stopped early: never conformant, exit code 2. Absent in reports written before it existed.',
    ),
  rootCauses: z
    .array(rootCauseSchema)
    .default(() => [])
    .describe('Why checks could not be judged, each cause once, with the checks it blocked.'),
  robustness: z
    .array(robustnessFindingSchema)
    .default(() => [])
    .describe('Observations, not failures: the target failed under parallel load and the run went serial to finish.'),
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
export type Summary = z.infer<typeof summarySchema>
export type ReportRootCause = z.infer<typeof rootCauseSchema>
export type ReportRobustnessFinding = z.infer<typeof robustnessFindingSchema>
export type FailOn = Report['gate']['failOn']

export function reportJsonSchema(): Record<string, unknown> {
  return {
    // The input form: fields added within a version are optional (older reports lack them) and
    // unknown members are allowed, as parseReport allows them.
    ...(z.toJSONSchema(reportSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    $id: 'https://codeflow.dev/schemas/report.schema.json',
    title: 'Codeflow conformance report',
  }
}
