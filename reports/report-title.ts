/** What a report calls itself: a server run and a client run must not be mistaken for one another. */
import type { Report } from './schema.js'

export function reportTitle(report: Pick<Report, 'kind'>): string {
  return report.kind === 'client' ? 'Codeflow client conformance' : 'Codeflow conformance'
}
