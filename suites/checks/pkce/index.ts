/** PKCE (catalog §4.6). */
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'

export const pkceChecks: AnyCheck[] = []

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const pkceGatherers: AnyGatherer[] = []

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const pkceNotApplicable: NotApplicable[] = []
