/**
 * Every check and every gatherer of the suite, by area. `codeflow checks` lists this catalog;
 * the run selects from it with --only / --skip.
 */

import {
  authorizationChecks,
  authorizationGatherers,
  authorizationNotApplicable,
} from './checks/authorization/index.js'
import { codeChecks, codeGatherers, codeNotApplicable } from './checks/code/index.js'
import { discoveryChecks, discoveryGatherers, discoveryNotApplicable } from './checks/discovery/index.js'
import { guideChecks, guideGatherers, guideNotApplicable } from './checks/guide/index.js'
import { idTokenChecks, idTokenGatherers, idTokenNotApplicable } from './checks/id-token/index.js'
import {
  introspectionChecks,
  introspectionGatherers,
  introspectionNotApplicable,
} from './checks/introspection/index.js'
import { issChecks, issGatherers, issNotApplicable } from './checks/iss/index.js'
import { logoutChecks, logoutGatherers, logoutNotApplicable } from './checks/logout/index.js'
import { pkceChecks, pkceGatherers, pkceNotApplicable } from './checks/pkce/index.js'
import { refreshChecks, refreshGatherers, refreshNotApplicable } from './checks/refresh/index.js'
import { revocationChecks, revocationGatherers, revocationNotApplicable } from './checks/revocation/index.js'
import { sessionChecks, sessionGatherers, sessionNotApplicable } from './checks/session/index.js'
import { stateChecks, stateGatherers, stateNotApplicable } from './checks/state/index.js'
import { tokenChecks, tokenGatherers, tokenNotApplicable } from './checks/token/index.js'
import { userinfoChecks, userinfoGatherers, userinfoNotApplicable } from './checks/userinfo/index.js'
import { discoveryGatherer, jwksGatherer, rfc8414Gatherer } from './flows/discover.js'
import { happyFlowGatherer } from './gatherers/happy-flow.js'
import type { AnyCheck, NotApplicable } from './harness/check.js'
import type { AnyGatherer } from './harness/gatherer.js'

export const checks: AnyCheck[] = [
  ...discoveryChecks,
  ...authorizationChecks,
  ...stateChecks,
  ...codeChecks,
  ...tokenChecks,
  ...pkceChecks,
  ...idTokenChecks,
  ...userinfoChecks,
  ...refreshChecks,
  ...revocationChecks,
  ...introspectionChecks,
  ...issChecks,
  ...sessionChecks,
  ...logoutChecks,
  ...guideChecks,
]

export const gatherers: AnyGatherer[] = [
  discoveryGatherer,
  jwksGatherer,
  rfc8414Gatherer,
  happyFlowGatherer,
  ...discoveryGatherers,
  ...authorizationGatherers,
  ...stateGatherers,
  ...codeGatherers,
  ...tokenGatherers,
  ...pkceGatherers,
  ...idTokenGatherers,
  ...userinfoGatherers,
  ...refreshGatherers,
  ...revocationGatherers,
  ...introspectionGatherers,
  ...issGatherers,
  ...sessionGatherers,
  ...logoutGatherers,
  ...guideGatherers,
]

export const notApplicable: NotApplicable[] = [
  ...discoveryNotApplicable,
  ...authorizationNotApplicable,
  ...stateNotApplicable,
  ...codeNotApplicable,
  ...tokenNotApplicable,
  ...pkceNotApplicable,
  ...idTokenNotApplicable,
  ...userinfoNotApplicable,
  ...refreshNotApplicable,
  ...revocationNotApplicable,
  ...introspectionNotApplicable,
  ...issNotApplicable,
  ...sessionNotApplicable,
  ...logoutNotApplicable,
  ...guideNotApplicable,
]

/** Selects checks by area or id prefix (`--only`), minus those named in `--skip`. */
export function selectChecks(all: AnyCheck[], only: string[] = [], skipped: string[] = []): AnyCheck[] {
  const matches = (check: AnyCheck, selector: string) =>
    check.area === selector || check.id === selector || check.id.startsWith(`${selector}.`)
  return all.filter(
    (check) => (only.length === 0 || only.some((s) => matches(check, s))) && !skipped.some((s) => matches(check, s)),
  )
}
