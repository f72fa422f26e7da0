/** Introspection (catalog §4.11). */
import { introspectionGatherer } from '../../gatherers/introspection-flows.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import active from './active.js'
import afterCodeReuse from './after-code-reuse.js'
import authRequired from './auth-required.js'
import hintIndependent from './hint-independent.js'
import inactive from './inactive.js'
import metadata from './metadata.js'
import requestShape from './request-shape.js'

export const introspectionChecks: AnyCheck[] = [
  active,
  inactive,
  authRequired,
  hintIndependent,
  afterCodeReuse,
  requestShape,
  metadata,
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const introspectionGatherers: AnyGatherer[] = [introspectionGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const introspectionNotApplicable: NotApplicable[] = []
