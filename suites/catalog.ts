/**
 * Every check and every gatherer of the suite, by area: each area is one folder,
 * suites/areas/<area>/, and area.ts lists what it holds. `codeflow checks` lists this catalog;
 * the run selects from it with --only / --skip.
 */

import { authorizationArea } from './areas/authorization/area.js'
import { codeArea } from './areas/code/area.js'
import { discoveryArea } from './areas/discovery/area.js'
import { guideArea } from './areas/guide/area.js'
import { idTokenArea } from './areas/id-token/area.js'
import { introspectionArea } from './areas/introspection/area.js'
import { issArea } from './areas/iss/area.js'
import { logoutArea } from './areas/logout/area.js'
import { pkceArea } from './areas/pkce/area.js'
import { refreshArea } from './areas/refresh/area.js'
import { revocationArea } from './areas/revocation/area.js'
import { sessionArea } from './areas/session/area.js'
import { stateArea } from './areas/state/area.js'
import { tokenArea } from './areas/token/area.js'
import { userinfoArea } from './areas/userinfo/area.js'
import { discoveryGatherer, jwksGatherer, rfc8414Gatherer } from './flows/discover.js'
import { happyFlowGatherer } from './flows/happy-flow.js'
import type { AnyCheck, NotApplicable } from './harness/check.js'
import type { CheckArea } from './harness/check-area.js'
import type { AnyGatherer } from './harness/gatherer.js'

/** The areas in catalog order (the order of reports and of `codeflow checks`). */
export const areas: readonly CheckArea[] = [
  discoveryArea,
  authorizationArea,
  stateArea,
  codeArea,
  tokenArea,
  pkceArea,
  idTokenArea,
  userinfoArea,
  refreshArea,
  revocationArea,
  introspectionArea,
  issArea,
  sessionArea,
  logoutArea,
  guideArea,
]

export const checks: AnyCheck[] = areas.flatMap((area) => area.checks)

/** The shared gatherers (discovery, JWKS, RFC 8414 metadata, the happy flow), then each area's own. */
export const gatherers: AnyGatherer[] = [
  discoveryGatherer,
  jwksGatherer,
  rfc8414Gatherer,
  happyFlowGatherer,
  ...areas.flatMap((area) => area.gatherers),
]

export const notApplicable: NotApplicable[] = areas.flatMap((area) => area.notApplicable)

/** MUST checks no behaviour of the mock IdP proves, with the reason, from every area. */
export const unprovable: Readonly<Record<string, string>> = Object.assign({}, ...areas.map((area) => area.unprovable))

/** Selects checks by area or id prefix (`--only`), minus those named in `--skip`. */
export function selectChecks(all: AnyCheck[], only: string[] = [], skipped: string[] = []): AnyCheck[] {
  const matches = (check: AnyCheck, selector: string) =>
    check.area === selector || check.id === selector || check.id.startsWith(`${selector}.`)
  return all.filter(
    (check) => (only.length === 0 || only.some((s) => matches(check, s))) && !skipped.some((s) => matches(check, s)),
  )
}
