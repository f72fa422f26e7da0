/** Revocation (catalog §4.10). */
import { revocationGatherer } from '../../gatherers/revocation-flows.js'
import type { AnyCheck, NotApplicable } from '../../harness/check.js'
import type { AnyGatherer } from '../../harness/gatherer.js'
import accessToken from './access-token.js'
import atCascadesRt from './at-cascades-rt.js'
import clientAuthRequired from './client-auth-required.js'
import idempotent from './idempotent.js'
import invalidToken200 from './invalid-token-200.js'
import otherClientsToken from './other-clients-token.js'
import refreshToken from './refresh-token.js'
import requestShape from './request-shape.js'
import rtCascadesAt from './rt-cascades-at.js'
import unsupportedTokenType from './unsupported-token-type.js'
import wrongHint from './wrong-hint.js'

export const revocationChecks: AnyCheck[] = [
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
]

/** Gatherers this area adds (shared ones live in suites/flows and suites/gatherers). */
export const revocationGatherers: AnyGatherer[] = [revocationGatherer]

/** Catalog rows this area does not implement, each with the reason (listed in suites/README.md). */
export const revocationNotApplicable: NotApplicable[] = []
