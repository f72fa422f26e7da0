/** state (catalog §4.3). */
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'

export const stateChecks: AnyCheck[] = []

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const stateGatherers: AnyGatherer[] = []

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const stateNotApplicable: NotApplicable[] = []
