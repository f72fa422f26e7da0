/** logout.query-added — a registered post_logout_redirect_uri with a query added is not redirected to (RP-Initiated Logout §3). */
import { defineCheck } from '../../../harness/check.js'
import { noRedirect } from './negative.js'

export default defineCheck({
  id: 'logout.query-added',
  title: 'A registered post_logout_redirect_uri with "?foo=bar" added is not redirected to',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-3'],
  needs: ['logoutNegative'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri' },
  // §3: "… MUST NOT perform post-logout redirection if the post_logout_redirect_uri value supplied
  // does not exactly match one of the previously registered post_logout_redirect_uris values."
  // Redirecting to the registered URI without the extra query is still a redirection: it fails too.
  evaluate: ({ logoutNegative: e }) =>
    noRedirect(
      e.queryAdded,
      [e.queryAdded.sent.post_logout_redirect_uri ?? '', ...e.registered],
      'a "post_logout_redirect_uri" that does not exactly match (query added)',
      true,
    ),
})
