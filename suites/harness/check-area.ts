/**
 * One area of the catalog (suites/areas/<area>/area.ts): its checks, the gatherers that produce
 * their evidence, the catalog rows it does not implement, and the MUST checks no mock behaviour
 * can prove. suites/catalog.ts lists the areas; everything else is derived from them.
 */
import type { AnyCheck, Area, NotApplicable } from './check.js'
import type { AnyGatherer } from './gatherer.js'

export interface CheckArea {
  name: Area
  checks: AnyCheck[]
  /** Gatherers this area adds; shared evidence (discovery, the happy flow) comes from suites/flows. */
  gatherers: AnyGatherer[]
  /** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
  notApplicable: NotApplicable[]
  /** MUST checks no behaviour of the mock IdP proves, each with the reason (the self-check reads it). */
  unprovable: Readonly<Record<string, string>>
}
