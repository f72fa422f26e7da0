/** logout.no-hint-with-redirect — post_logout_redirect_uri without id_token_hint or client_id is not redirected to (RP-Initiated Logout §3). */
import { defineCheck } from '../../../harness/check.js'
import { noRedirect } from './negative.js'

export default defineCheck({
  id: 'logout.no-hint-with-redirect',
  title: 'post_logout_redirect_uri without id_token_hint or client_id does not lead to a redirect',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-3'],
  needs: ['logoutNegative'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout-no-id-token-hint' },
  // §3: "if it [an id_token_hint] is not supplied with post_logout_redirect_uri, the OP MUST NOT
  // perform post-logout redirection unless the OP has other means of confirming the legitimacy of
  // the post-logout redirection target."
  evaluate: ({ logoutNegative: e }) =>
    noRedirect(
      e.noHintWithRedirect,
      [e.postLogoutRedirectUri, ...e.registered],
      'no "id_token_hint" and no "client_id"',
      false,
    ),
})
