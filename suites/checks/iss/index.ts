/** RFC 9207 iss (catalog §4.12). */
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'

export const issChecks: AnyCheck[] = []

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const issGatherers: AnyGatherer[] = []

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const issNotApplicable: NotApplicable[] = []
