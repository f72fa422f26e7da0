/** Refresh token (RFC 6749 §6; RFC 9700 §4.14). */

import type { CheckArea } from '../../harness/check-area.js'
import bogusRt from './checks/bogus-rt.js'
import boundToClient from './checks/bound-to-client.js'
import clientAuthRequired from './checks/client-auth-required.js'
import concurrentRefresh from './checks/concurrent-refresh.js'
import newRtScope from './checks/new-rt-scope.js'
import offlineAccess from './checks/offline-access.js'
import oldRtRejected from './checks/old-rt-rejected.js'
import quality from './checks/quality.js'
import refreshWorks from './checks/refresh-works.js'
import reuseRevokesFamily from './checks/reuse-revokes-family.js'
import rotationOrBinding from './checks/rotation-or-binding.js'
import scopeEscalation from './checks/scope-escalation.js'
import scopeNarrowing from './checks/scope-narrowing.js'
import { refreshGathererList } from './gather/refresh-flows.js'
import { refreshUnprovable } from './unprovable.js'

export const refreshArea: CheckArea = {
  name: 'refresh',
  checks: [
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
  ],
  gatherers: refreshGathererList,
  notApplicable: [],
  unprovable: refreshUnprovable,
}
