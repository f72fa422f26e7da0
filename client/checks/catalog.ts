/** Every client check, in the order a run signs in: must-reject, must-accept, then the observations. */
import type { ClientCheck } from './client-check.js'
import { discoveryRejectChecks } from './discovery-reject-checks.js'
import { mustAcceptChecks, tokenResponseAcceptChecks } from './must-accept-checks.js'
import {
  authorizationResponseRejectChecks,
  idTokenRejectChecks,
  tokenResponseRejectChecks,
  userInfoRejectChecks,
} from './must-reject-checks.js'
import { csrfProtection } from './observed/csrf-protection.js'
import { jwksCached } from './observed/jwks-cached.js'
import { jwksRefetched } from './observed/jwks-refetched.js'
import { noTokenInUrl } from './observed/no-token-in-url.js'
import { nonceEntropy } from './observed/nonce-entropy.js'
import { pkceS256 } from './observed/pkce-s256.js'
import { redirectUriExact } from './observed/redirect-uri-exact.js'
import { registeredAuthMethod } from './observed/registered-auth-method.js'
import { responseTypeCode } from './observed/response-type-code.js'
import { stateEntropy } from './observed/state-entropy.js'
import { userInfoBearerHeader } from './observed/userinfo-bearer-header.js'

export const clientChecks: readonly ClientCheck[] = [
  ...idTokenRejectChecks,
  ...authorizationResponseRejectChecks,
  ...tokenResponseRejectChecks,
  ...userInfoRejectChecks,
  ...discoveryRejectChecks,
  ...mustAcceptChecks,
  ...tokenResponseAcceptChecks,
  responseTypeCode,
  csrfProtection,
  pkceS256,
  stateEntropy,
  nonceEntropy,
  redirectUriExact,
  registeredAuthMethod,
  noTokenInUrl,
  userInfoBearerHeader,
  jwksCached,
  jwksRefetched,
]

/**
 * `--only` / `--skip`: check ids, id prefixes (`client.id-token`) or areas (`client-id-token`).
 * Returns the selection and the selectors that matched nothing (an error for the caller: a typo
 * must not silently select nothing).
 */
export function selectClientChecks(
  checks: readonly ClientCheck[],
  only: readonly string[] = [],
  skip: readonly string[] = [],
): { selected: ClientCheck[]; unknown: string[] } {
  const matches = (check: ClientCheck, selector: string) =>
    check.id === selector || check.id.startsWith(`${selector}.`) || check.area === selector
  const unknown = [...only, ...skip].filter((selector) => !checks.some((check) => matches(check, selector)))
  const selected = checks.filter(
    (check) =>
      (only.length === 0 || only.some((selector) => matches(check, selector))) &&
      !skip.some((selector) => matches(check, selector)),
  )
  return { selected, unknown }
}
