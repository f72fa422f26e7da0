/** prompt, max_age, id_token_hint (catalog §4.13). */
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'

export const sessionChecks: AnyCheck[] = []

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const sessionGatherers: AnyGatherer[] = []

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const sessionNotApplicable: NotApplicable[] = []
