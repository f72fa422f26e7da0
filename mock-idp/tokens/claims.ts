/**
 * Claims released by scope (OIDC Core §5.4): "profile … email … address … phone … requests access
 * to the End-User's default profile Claims". `config.scopes` maps each scope to the claim names it
 * releases (the guide's `user_profile` and `additional_info` included); values come from the user's
 * own claims, and a claim the user does not have is left out rather than sent as null
 * (OIDC Core §5.3.2: "If a Claim is not returned, that Claim Name SHOULD be omitted").
 */
import type { Provider } from '../provider.js'

export function claimsForScope(provider: Provider, sub: string, scope: readonly string[]): Record<string, unknown> {
  const user = provider.users.bySub(sub)
  const released: Record<string, unknown> = {}
  for (const name of scope) {
    for (const claim of provider.config.scopes[name] ?? []) {
      const value = user?.claims[claim]
      if (value !== undefined && value !== null) released[claim] = value
    }
  }
  // OIDC Core §5.3.2: "The sub (subject) Claim MUST always be returned in the UserInfo Response",
  // and it is the token's subject, never a value a user's claims could override.
  return { ...released, sub }
}
