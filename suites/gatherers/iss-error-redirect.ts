/**
 * One authorization error redirect, for the RFC 9207 checks: `prompt=none` in a fresh browser
 * (no session) with the primary client. OIDC Core §3.1.2.6 makes that an error redirect
 * (`login_required` and friends), which RFC 9207 §2 says must carry `iss` like a success does.
 */
import { type AuthorizationAttempt, authorize } from '../flows/code-flow.js'
import { defineGatherer } from '../harness/gatherer.js'

declare module '../harness/evidence.js' {
  interface Evidence {
    issErrorRedirect: AuthorizationAttempt
  }
}

export const issErrorRedirectGatherer = defineGatherer({
  id: 'iss-error-redirect',
  provides: ['issErrorRedirect'],
  gather: async (context) => ({
    issErrorRedirect: await authorize(context, {
      label: 'iss: prompt=none without a session (an error redirect)',
      overrides: { prompt: 'none' },
      jar: context.http.newJar(),
    }),
  }),
})

/** The error redirect in this evidence, or why there is none. */
export function errorRedirectOf(
  attempt: AuthorizationAttempt,
): { ok: true; params: Record<string, string> } | { ok: false; reason: string } {
  const { result } = attempt
  if (result.kind === 'page')
    return {
      ok: false,
      reason: `prompt=none without a session ended on a page (HTTP ${result.status}), not an error redirect`,
    }
  if (result.params.error === undefined)
    return {
      ok: false,
      reason: 'prompt=none without a session came back without an error (the server logged the user in?)',
    }
  return { ok: true, params: result.params }
}
