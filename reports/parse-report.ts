/** Reading a report.json back: the schema version, the shape, and what older reports lacked. */
import { rootCausesOf } from './root-causes.js'
import { REPORT_SCHEMA_VERSION, type Report, reportSchema } from './schema.js'

export class ReportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ReportError'
  }
}

/**
 * Parses a report.json, refusing other schema versions with a clear message. A report written
 * before `incomplete` existed gets it (and its root causes) derived from its checks, so an old
 * run with checks in "error" still reads as incomplete.
 */
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
  if (Object.hasOwn(json as object, 'incomplete')) return result.data
  const { checks, rootCauses } = rootCausesOf(result.data.checks, [])
  const incomplete = rootCauses.length > 0
  return { ...result.data, conformant: result.data.conformant && !incomplete, checks, rootCauses, incomplete }
}
