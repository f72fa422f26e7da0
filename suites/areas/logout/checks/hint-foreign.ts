/** logout.hint-foreign — an id_token_hint signed by another key is not trusted to redirect (RP-Initiated Logout §2, §4). */
import { defineCheck } from '../../../harness/check.js'
import { noRedirect } from './negative.js'

export default defineCheck({
  id: 'logout.hint-foreign',
  title: 'An id_token_hint signed by a foreign key does not lead to a redirect',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-2', 'OIDCRPL-4'],
  needs: ['logoutNegative'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout-bad-id-token-hint' },
  // §2 id_token_hint: "When an id_token_hint parameter is present, the OP MUST validate that it
  // was the issuer of the ID Token." A hint it did not sign identifies no client, so the
  // post_logout_redirect_uri cannot be trusted (§3).
  evaluate: ({ logoutNegative: e }) =>
    noRedirect(
      e.hintForeign,
      [e.postLogoutRedirectUri, ...e.registered],
      'an "id_token_hint" signed by a key the OP does not hold',
      false,
    ),
})
