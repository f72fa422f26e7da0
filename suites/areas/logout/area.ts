/** RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). */

import type { CheckArea } from '../../harness/check-area.js'
import badRedirect from './checks/bad-redirect.js'
import clientIdParam from './checks/client-id-param.js'
import discovery from './checks/discovery.js'
import happy from './checks/happy.js'
import hintAlgNone from './checks/hint-alg-none.js'
import hintForeign from './checks/hint-foreign.js'
import noHintWithRedirect from './checks/no-hint-with-redirect.js'
import queryAdded from './checks/query-added.js'
import tokensAfterLogout from './checks/tokens-after-logout.js'
import variants from './checks/variants.js'
import { logoutHappyGatherer, logoutNegativeGatherer, logoutVariantsGatherer } from './gather/logout-scenarios.js'
import { logoutUnprovable } from './unprovable.js'

export const logoutArea: CheckArea = {
  name: 'logout',
  checks: [
    discovery,
    happy,
    badRedirect,
    queryAdded,
    hintForeign,
    hintAlgNone,
    noHintWithRedirect,
    variants,
    clientIdParam,
    tokensAfterLogout,
  ],
  gatherers: [logoutHappyGatherer, logoutNegativeGatherer, logoutVariantsGatherer],
  notApplicable: [],
  unprovable: logoutUnprovable,
}
