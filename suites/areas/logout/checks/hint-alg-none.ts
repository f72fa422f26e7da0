/** logout.hint-alg-none — an id_token_hint re-encoded with alg "none" is not trusted to redirect (RP-Initiated Logout §4). */
import { defineCheck } from '../../../harness/check.js'
import { noRedirect } from './negative.js'

export default defineCheck({
  id: 'logout.hint-alg-none',
  title: 'An id_token_hint re-encoded with alg "none" does not lead to a redirect',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-4', 'OIDCRPL-2'],
  needs: ['logoutNegative'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout-modified-id-token-hint' },
  // §2: "the OP MUST validate that it was the issuer of the ID Token" — an unsigned token proves
  // nothing about its issuer.
  evaluate: ({ logoutNegative: e }) =>
    noRedirect(
      e.hintAlgNone,
      [e.postLogoutRedirectUri, ...e.registered],
      'an unsigned ("alg": "none") "id_token_hint"',
      false,
    ),
})
