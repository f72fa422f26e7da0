/** Discovery & metadata checks (catalog §4.1). */
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import fetch200Json from './fetch-200-json.js'
import issuerExact from './issuer-exact.js'

export const discoveryChecks: AnyCheck[] = [fetch200Json, issuerExact]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const discoveryGatherers: AnyGatherer[] = []

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const discoveryNotApplicable: NotApplicable[] = []
