/** ID token (catalog §4.7). */

import { idTokenGatherers as flows } from '../../gatherers/id-token-flows.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import acr from './acr.js'
import algDefaultAndAdvertised from './alg-default-and-advertised.js'
import algNoneOnlyIfRegistered from './alg-none-only-if-registered.js'
import atHash from './at-hash.js'
import aud from './aud.js'
import authTime from './auth-time.js'
import azp from './azp.js'
import cHash from './c-hash.js'
import dataMinimisation from './data-minimisation.js'
import expIat from './exp-iat.js'
import headerSanity from './header-sanity.js'
import hmac from './hmac.js'
import iss from './iss.js'
import jwsVerifiable from './jws-verifiable.js'
import kid from './kid.js'
import noKeyHeaders from './no-key-headers.js'
import nonce from './nonce.js'
import refreshIdToken from './refresh-id-token.js'
import signingKeyStrength from './signing-key-strength.js'
import standardClaimTypes from './standard-claim-types.js'
import sub from './sub.js'

export const idTokenChecks: AnyCheck[] = [
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
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const idTokenGatherers: AnyGatherer[] = flows

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const idTokenNotApplicable: NotApplicable[] = []
