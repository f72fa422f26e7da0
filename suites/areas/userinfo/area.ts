/** UserInfo (OIDC Core §5.3; RFC 6750). */

import type { CheckArea } from '../../harness/check-area.js'
import getHeader from './checks/get-header.js'
import insufficientScope from './checks/insufficient-scope.js'
import invalidToken from './checks/invalid-token.js'
import jwtAtAlgNone from './checks/jwt-at-alg-none.js'
import multipleMethods from './checks/multiple-methods.js'
import noToken from './checks/no-token.js'
import postBody from './checks/post-body.js'
import postHeader from './checks/post-header.js'
import queryToken from './checks/query-token.js'
import schemeCase from './checks/scheme-case.js'
import scopeClaims from './checks/scope-claims.js'
import subMatch from './checks/sub-match.js'
import { userinfoGatherers as probes } from './gather/userinfo-probes.js'
import { userinfoUnprovable } from './unprovable.js'

export const userinfoArea: CheckArea = {
  name: 'userinfo',
  checks: [
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
  ],
  gatherers: probes,
  notApplicable: [
    {
      id: 'ui.signed-response',
      reason:
        'needs a client registered with userinfo_signed_response_alg, which takes dynamic client registration; the target file cannot declare it',
    },
  ],
  unprovable: userinfoUnprovable,
}
