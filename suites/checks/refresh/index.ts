/** Refresh token (catalog §4.9). */
import { refreshGathererList } from '../../gatherers/refresh-flows.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import bogusRt from './bogus-rt.js'
import boundToClient from './bound-to-client.js'
import clientAuthRequired from './client-auth-required.js'
import concurrentRefresh from './concurrent-refresh.js'
import newRtScope from './new-rt-scope.js'
import offlineAccess from './offline-access.js'
import oldRtRejected from './old-rt-rejected.js'
import quality from './quality.js'
import refreshWorks from './refresh-works.js'
import reuseRevokesFamily from './reuse-revokes-family.js'
import rotationOrBinding from './rotation-or-binding.js'
import scopeEscalation from './scope-escalation.js'
import scopeNarrowing from './scope-narrowing.js'

export const refreshChecks: AnyCheck[] = [
  refreshWorks,
  quality,
  boundToClient,
  clientAuthRequired,
  rotationOrBinding,
  oldRtRejected,
  reuseRevokesFamily,
  concurrentRefresh,
  scopeNarrowing,
  scopeEscalation,
  bogusRt,
  newRtScope,
  offlineAccess,
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const refreshGatherers: AnyGatherer[] = refreshGathererList

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const refreshNotApplicable: NotApplicable[] = []
