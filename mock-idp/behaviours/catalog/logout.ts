/** Behaviours of RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0). */
import { behaviours } from '../behaviour.js'

export const logoutBehaviours = behaviours([
  {
    id: 'logout-endpoint-with-fragment',
    description: 'Publishes end_session_endpoint with a fragment component ("#logout").',
    violates: ['OIDCRPL-2.1'],
    level: 'MUST',
    client: 'Strip the fragment before sending the logout request, and report the defect.',
    seam: 'response',
    endpoints: ['discovery', 'metadata'],
    apply: (result) => {
      if (result.kind !== 'json' || typeof result.body !== 'object' || result.body === null) return result
      const body = result.body as Record<string, unknown>
      if (typeof body.end_session_endpoint !== 'string') return result
      return { ...result, body: { ...body, end_session_endpoint: `${body.end_session_endpoint}#logout` } }
    },
  },
  {
    id: 'logout-redirect-uri-not-checked',
    description: 'Redirects to any post_logout_redirect_uri after logout, registered or not.',
    violates: ['OIDCRPL-3'],
    level: 'MUST',
    client: 'Nothing a client sees; register every post_logout_redirect_uri it uses.',
    seam: 'validation',
    waives: 'post-logout-redirect-uri-registered',
  },
  {
    id: 'logout-redirect-uri-query-ignored',
    description: 'Accepts a post_logout_redirect_uri that is a registered one with a query added, and redirects there.',
    violates: ['OIDCRPL-3'],
    level: 'MUST',
    client: 'Nothing a client sees; carry data through the logout in "state", not in the URI.',
    seam: 'validation',
    waives: 'post-logout-redirect-uri-exact-match',
  },
  {
    id: 'logout-hint-foreign-key-accepted',
    description: 'Accepts an id_token_hint signed by any key, without verifying the signature.',
    violates: ['OIDCRPL-4'],
    level: 'MUST',
    client: 'Nothing a client sees; send only ID tokens the OP itself issued as id_token_hint.',
    seam: 'validation',
    waives: 'logout-hint-signature-verified',
  },
  {
    id: 'logout-hint-alg-none-accepted',
    description: 'Accepts an unsigned (alg "none") id_token_hint.',
    violates: ['OIDCRPL-4'],
    level: 'MUST',
    client: 'Nothing a client sees; send only ID tokens the OP itself issued as id_token_hint.',
    seam: 'validation',
    waives: 'logout-hint-signed',
  },
  {
    id: 'logout-without-hint-trusted',
    description:
      'Treats a logout without id_token_hint as trusted: logs out without asking and redirects to a post_logout_redirect_uri any client registered.',
    violates: ['OIDCRPL-3'],
    level: 'MUST',
    client: 'Send id_token_hint with every logout request.',
    seam: 'validation',
    waives: 'logout-without-hint-untrusted',
  },
  {
    id: 'logout-state-dropped',
    description: 'Leaves "state" out of the redirect to the post_logout_redirect_uri.',
    violates: ['OIDCRPL-2'],
    level: 'MUST',
    client: 'Treat a logout callback without the "state" the client sent as unsolicited.',
    seam: 'response',
    endpoints: ['endSession'],
    apply: (result) => {
      if (result.kind !== 'redirect') return result
      const url = new URL(result.location)
      if (!url.searchParams.has('state')) return result
      url.searchParams.delete('state')
      return { ...result, location: url.toString() }
    },
  },
  {
    id: 'logout-session-kept',
    description: 'Answers the logout request as usual but leaves the login session alive.',
    violates: ['OIDCRPL-2'],
    level: 'MUST',
    client: 'Nothing a client can do; a later prompt=none still signs the user in silently.',
    seam: 'validation',
    waives: 'logout-ends-session',
  },
])
