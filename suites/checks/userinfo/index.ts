/** UserInfo (catalog §4.8). */

import { userinfoGatherers as probes } from '../../gatherers/userinfo-probes.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import getHeader from './get-header.js'
import insufficientScope from './insufficient-scope.js'
import invalidToken from './invalid-token.js'
import jwtAtAlgNone from './jwt-at-alg-none.js'
import multipleMethods from './multiple-methods.js'
import noToken from './no-token.js'
import postBody from './post-body.js'
import postHeader from './post-header.js'
import queryToken from './query-token.js'
import schemeCase from './scheme-case.js'
import scopeClaims from './scope-claims.js'
import subMatch from './sub-match.js'

export const userinfoChecks: AnyCheck[] = [
  getHeader,
  postHeader,
  postBody,
  queryToken,
  schemeCase,
  subMatch,
  scopeClaims,
  noToken,
  invalidToken,
  insufficientScope,
  multipleMethods,
  jwtAtAlgNone,
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const userinfoGatherers: AnyGatherer[] = probes

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const userinfoNotApplicable: NotApplicable[] = [
  {
    id: 'ui.signed-response',
    reason:
      'needs a client registered with userinfo_signed_response_alg, which takes dynamic client registration; the target file cannot declare it',
  },
]
