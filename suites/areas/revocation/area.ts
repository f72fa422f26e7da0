/** Revocation (RFC 7009). */

import type { CheckArea } from '../../harness/check-area.js'
import accessToken from './checks/access-token.js'
import atCascadesRt from './checks/at-cascades-rt.js'
import clientAuthRequired from './checks/client-auth-required.js'
import idempotent from './checks/idempotent.js'
import invalidToken200 from './checks/invalid-token-200.js'
import otherClientsToken from './checks/other-clients-token.js'
import refreshToken from './checks/refresh-token.js'
import requestShape from './checks/request-shape.js'
import rtCascadesAt from './checks/rt-cascades-at.js'
import unsupportedTokenType from './checks/unsupported-token-type.js'
import wrongHint from './checks/wrong-hint.js'
import { revocationGatherer } from './gather/revocation-flows.js'
import { revocationUnprovable } from './unprovable.js'

export const revocationArea: CheckArea = {
  name: 'revocation',
  checks: [
    refreshToken,
    accessToken,
    rtCascadesAt,
    atCascadesRt,
    clientAuthRequired,
    otherClientsToken,
    invalidToken200,
    wrongHint,
    unsupportedTokenType,
    requestShape,
    idempotent,
  ],
  gatherers: [revocationGatherer],
  notApplicable: [],
  unprovable: revocationUnprovable,
}
