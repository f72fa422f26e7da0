/** RP-initiated logout (catalog §4.14). */
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'

export const logoutChecks: AnyCheck[] = []

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const logoutGatherers: AnyGatherer[] = []

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const logoutNotApplicable: NotApplicable[] = []
