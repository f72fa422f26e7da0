/**
 * The shape of one authorization-request validation step (OIDC Core §3.1.2.2, RFC 6749 §4.1.1).
 *
 * A step is pure: it reads the already-parsed parameters (`Params` rejects repeated parameters and
 * treats empty ones as omitted, RFC 6749 §3.1) and the config, and returns the draft request with
 * what it established, or throws a typed OAuthError. No step sees HTTP, the store or the clock, so
 * each one is unit-tested on its own. `pipeline.ts` lists their order.
 */

import type { ActiveBehaviours } from '../behaviours/active-behaviours.js'
import type { ClientConfig, MockIdpConfig } from '../config/schema.js'
import type { Params } from '../http/params.js'
import type { AuthorizationRequest } from '../store/records.js'

export interface StepInput {
  params: Params
  config: MockIdpConfig
  clients: ReadonlyMap<string, ClientConfig>
  /** The behaviours in force: a step enforces a named rule only while `behaviours.enforces(rule)`. */
  behaviours: ActiveBehaviours
}

/** What the steps run so far have established about the request. */
export interface Draft extends Partial<AuthorizationRequest> {
  client?: ClientConfig
}

export type Step = (input: StepInput, draft: Readonly<Draft>) => Draft

/** The validated client; a step that needs it must run after `check-client` (a pipeline-order bug otherwise). */
export function clientOf(draft: Readonly<Draft>): ClientConfig {
  if (!draft.client) throw new Error('authorization pipeline: check-client must run before this step')
  return draft.client
}

/** Space-delimited, case-sensitive lists (RFC 6749 §3.3, OIDC Core §3.1.2.1 prompt): de-duplicated, order kept. */
export function spaceList(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(' ').filter((item) => item !== ''))]
}
