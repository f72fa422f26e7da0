/** logout.bad-redirect — an unregistered post_logout_redirect_uri is never redirected to (RP-Initiated Logout §3). */
import { defineCheck } from '../../../harness/check.js'
import { noRedirect } from './negative.js'

export default defineCheck({
  id: 'logout.bad-redirect',
  title: 'An unregistered post_logout_redirect_uri is not redirected to',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-3'],
  needs: ['logoutNegative'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout-bad-post-logout-redirect-uri' },
  // §3: "The OP also MUST NOT perform post-logout redirection if the post_logout_redirect_uri
  // value supplied does not exactly match one of the previously registered post_logout_redirect_uris values."
  evaluate: ({ logoutNegative: e }) =>
    noRedirect(
      e.badRedirect,
      [e.badRedirect.sent.post_logout_redirect_uri ?? '', ...e.registered],
      'an unregistered "post_logout_redirect_uri"',
      true,
    ),
})
