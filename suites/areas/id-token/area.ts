/** ID token (OIDC Core §2, §3.1.3.6, §3.1.3.7). */

import type { CheckArea } from '../../harness/check-area.js'
import acr from './checks/acr.js'
import algDefaultAndAdvertised from './checks/alg-default-and-advertised.js'
import algNoneOnlyIfRegistered from './checks/alg-none-only-if-registered.js'
import atHash from './checks/at-hash.js'
import aud from './checks/aud.js'
import authTime from './checks/auth-time.js'
import azp from './checks/azp.js'
import cHash from './checks/c-hash.js'
import dataMinimisation from './checks/data-minimisation.js'
import expIat from './checks/exp-iat.js'
import headerSanity from './checks/header-sanity.js'
import hmac from './checks/hmac.js'
import iss from './checks/iss.js'
import jwsVerifiable from './checks/jws-verifiable.js'
import kid from './checks/kid.js'
import noKeyHeaders from './checks/no-key-headers.js'
import nonce from './checks/nonce.js'
import refreshIdToken from './checks/refresh-id-token.js'
import signingKeyStrength from './checks/signing-key-strength.js'
import standardClaimTypes from './checks/standard-claim-types.js'
import sub from './checks/sub.js'
import { idTokenGatherers as flows } from './gather/id-token-flows.js'
import { idTokenUnprovable } from './unprovable.js'

export const idTokenArea: CheckArea = {
  name: 'id-token',
  checks: [
    jwsVerifiable,
    kid,
    algDefaultAndAdvertised,
    algNoneOnlyIfRegistered,
    hmac,
    noKeyHeaders,
    signingKeyStrength,
    iss,
    aud,
    azp,
    expIat,
    sub,
    nonce,
    atHash,
    cHash,
    authTime,
    acr,
    standardClaimTypes,
    dataMinimisation,
    headerSanity,
    refreshIdToken,
  ],
  gatherers: flows,
  notApplicable: [],
  unprovable: idTokenUnprovable,
}
