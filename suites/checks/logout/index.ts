/** RP-initiated logout (catalog §4.14). */

import {
  logoutHappyGatherer,
  logoutNegativeGatherer,
  logoutVariantsGatherer,
} from '../../gatherers/logout-scenarios.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import badRedirect from './bad-redirect.js'
import clientIdParam from './client-id-param.js'
import discovery from './discovery.js'
import happy from './happy.js'
import hintAlgNone from './hint-alg-none.js'
import hintForeign from './hint-foreign.js'
import noHintWithRedirect from './no-hint-with-redirect.js'
import queryAdded from './query-added.js'
import tokensAfterLogout from './tokens-after-logout.js'
import variants from './variants.js'

export const logoutChecks: AnyCheck[] = [
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
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const logoutGatherers: AnyGatherer[] = [logoutHappyGatherer, logoutNegativeGatherer, logoutVariantsGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const logoutNotApplicable: NotApplicable[] = []
