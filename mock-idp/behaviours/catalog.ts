/**
 * Every behaviour the mock IdP knows, grouped by topic in the files under `catalog/`. The list is what
 * `codeflow idp --list-behaviours` prints, what config and requests may name, and what the
 * self-check run (`npm run self-check`) proves the conformance suite against.
 */
import { closestMatch } from '../../core/closest-match.js'
import type { Behaviour } from './behaviour.js'
import { authorizationBehaviours } from './catalog/authorization.js'
import { clientAuthBehaviours } from './catalog/client-auth.js'
import { codeBehaviours } from './catalog/code.js'
import { discoveryBehaviours } from './catalog/discovery.js'
import { idTokenBehaviours } from './catalog/id-token.js'
import { introspectionBehaviours } from './catalog/introspection.js'
import { logoutBehaviours } from './catalog/logout.js'
import { pkceBehaviours } from './catalog/pkce.js'
import { refreshBehaviours } from './catalog/refresh.js'
import { revocationBehaviours } from './catalog/revocation.js'
import { sessionBehaviours } from './catalog/session.js'
import { stateAndIssBehaviours } from './catalog/state-and-iss.js'
import { tokenBehaviours } from './catalog/token.js'
import { userinfoBehaviours } from './catalog/userinfo.js'

export const BEHAVIOURS: readonly Behaviour[] = [
  ...authorizationBehaviours,
  ...stateAndIssBehaviours,
  ...sessionBehaviours,
  ...discoveryBehaviours,
  ...codeBehaviours,
  ...tokenBehaviours,
  ...clientAuthBehaviours,
  ...pkceBehaviours,
  ...idTokenBehaviours,
  ...userinfoBehaviours,
  ...refreshBehaviours,
  ...revocationBehaviours,
  ...introspectionBehaviours,
  ...logoutBehaviours,
]

export const behaviourCatalog: ReadonlyMap<string, Behaviour> = new Map(
  BEHAVIOURS.map((behaviour) => [behaviour.id, behaviour]),
)

export const BEHAVIOUR_IDS = BEHAVIOURS.map((behaviour) => behaviour.id)

export function unknownBehaviourMessage(id: string): string {
  const suggestion = closestMatch(id, BEHAVIOUR_IDS)
  return `unknown behaviour "${id}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (codeflow idp --list-behaviours lists them)`
}
