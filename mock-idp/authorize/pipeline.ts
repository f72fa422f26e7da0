/**
 * The authorization endpoint's validation, in the order the specifications imply (RFC 6749
 * §4.1.1–4.1.2.1, OIDC Core §3.1.2.1–3.1.2.2). One line per step; each step is one file in
 * `steps/`. The first two establish where a response may go: a failure there is an error page,
 * a failure after them is an error redirect (RFC 6749 §4.1.2.1).
 */
import type { ClientConfig } from '../config/schema.js'
import { InvalidRedirectTarget, OAuthError } from '../errors.js'
import type { AuthorizationRequest } from '../store/records.js'
import type { ResponseTarget } from './authorization-response.js'
import type { Draft, Step, StepInput } from './step.js'
import { checkClient } from './steps/check-client.js'
import { checkHints } from './steps/check-hints.js'
import { checkMaxAge } from './steps/check-max-age.js'
import { checkNonce } from './steps/check-nonce.js'
import { checkPkce } from './steps/check-pkce.js'
import { checkPrompt } from './steps/check-prompt.js'
import { checkRedirectUri } from './steps/check-redirect-uri.js'
import { checkRepeatedParameters } from './steps/check-repeated-parameters.js'
import { checkResponseMode } from './steps/check-response-mode.js'
import { checkResponseType } from './steps/check-response-type.js'
import { checkScope } from './steps/check-scope.js'
import { checkState } from './steps/check-state.js'
import { checkUnsupportedFeatures } from './steps/check-unsupported-features.js'

export const pipeline: readonly Step[] = [
  checkClient, //               RFC 6749 §4.1.1 client_id; §4.1.2.1 invalid client → error page
  checkRedirectUri, //          RFC 6749 §3.1.2.3 exact match; OIDC Core §3.1.2.1 required → error page
  checkState, //                RFC 6749 §4.1.2.1 state echoed on every response from here on
  checkResponseMode, //         Multiple Response Types §2.1; Form Post Response Mode §2
  checkRepeatedParameters, //   RFC 6749 §3.1 no parameter more than once
  checkResponseType, //         RFC 6749 §4.1.1 response_type=code; §4.1.2.1 unauthorized_client
  checkUnsupportedFeatures, //  OIDC Core §3.1.2.6 request / request_uri / registration
  checkScope, //                RFC 6749 §3.3 scope
  checkPkce, //                 RFC 7636 §4.3, §4.4.1 code_challenge
  checkNonce, //                OIDC Core §3.1.2.1 nonce
  checkPrompt, //               OIDC Core §3.1.2.1 prompt
  checkMaxAge, //               OIDC Core §3.1.2.1 max_age
  checkHints, //                OIDC Core §3.1.2.1 login_hint, ui_locales, id_token_hint
]

export type PipelineResult =
  | { ok: true; request: AuthorizationRequest; client: ClientConfig }
  /** `target` is absent when the error must be shown as a page (RFC 6749 §4.1.2.1). */
  | { ok: false; error: OAuthError; target?: ResponseTarget }

export function runPipeline(input: StepInput, steps: readonly Step[] = pipeline): PipelineResult {
  let draft: Draft = {}
  try {
    for (const step of steps) draft = step(input, draft)
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error
    const target = responseTarget(draft)
    return error.redirectable && !(error instanceof InvalidRedirectTarget) && target
      ? { ok: false, error, target }
      : { ok: false, error }
  }
  return { ok: true, request: complete(draft), client: draft.client! }
}

/** Errors can be redirected only once the client and its redirect_uri are validated. */
function responseTarget(draft: Draft): ResponseTarget | undefined {
  if (!draft.client || draft.redirectUri === undefined) return undefined
  return {
    redirectUri: draft.redirectUri,
    responseMode: draft.responseMode ?? 'query',
    ...(draft.state === undefined ? {} : { state: draft.state }),
  }
}

function complete(draft: Draft): AuthorizationRequest {
  const { client, clientId, redirectUri, responseType, responseMode, scope, prompt, ...rest } = draft
  if (!client || !clientId || !redirectUri || !responseType || !responseMode || !scope || !prompt) {
    throw new Error('authorization pipeline finished without establishing every required field')
  }
  return { clientId, redirectUri, responseType, responseMode, scope, prompt, ...rest }
}

/** The response target of an already validated request (for responses after login and consent). */
export function targetOf(request: AuthorizationRequest): ResponseTarget {
  return {
    redirectUri: request.redirectUri,
    responseMode: request.responseMode,
    ...(request.state === undefined ? {} : { state: request.state }),
  }
}
