/**
 * One authorization error redirect, for the RFC 9207 checks: `prompt=none` in a fresh browser
 * (no session) with the primary client. OIDC Core §3.1.2.6 makes that an error redirect
 * (`login_required` and friends), which RFC 9207 §2 says must carry `iss` like a success does.
 */
import { type AuthorizationAttempt, authorize } from '../../../flows/code-flow.js'
import { defineGatherer } from '../../../harness/gatherer.js'

declare module '../../../harness/evidence.js' {
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
