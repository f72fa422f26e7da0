/** idt.data-minimisation — OIDC Core §5.4 (MAY: end-user claims in the ID token are allowed). */
import { defineCheck, info, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN, SCOPE_CLAIMS } from './common.js'

export default defineCheck({
  id: 'idt.data-minimisation',
  title: 'End-user claims stay at UserInfo when an access token is issued',
  area: 'id-token',
  level: 'MAY',
  spec: ['OIDCC-5.4'],
  needs: ['happyFlow'],
  coveredBy: {
    oidf: 'EnsureIdTokenDoesNotContainNonRequestedClaims, EnsureIdTokenDoesNotContainName, EnsureIdTokenDoesNotContainEmailForScopeEmail (WARN)',
  },
  evaluate: ({ happyFlow }) => {
    const claims = happyFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    const requested = (happyFlow.attempt.request.params.scope ?? '').split(' ')
    const present = Object.entries(SCOPE_CLAIMS).flatMap(([scope, names]) =>
      names
        .filter((name) => name in claims)
        .map((name) => ({ claim: name, scope, requested: requested.includes(scope) })),
    )
    // OIDC Core §5.4: the scope claims "are returned from the UserInfo Endpoint [...] when a
    // response_type value is used that results in an Access Token being issued" — putting them in
    // the ID token too is allowed, and reported.
    if (present.length === 0) return pass('the ID token carries no end-user claims', { exchanges })
    const unrequested = present.filter((item) => !item.requested).map((item) => item.claim)
    return info(
      `the ID token carries end-user claims (${present.map((item) => item.claim).join(', ')})${unrequested.length > 0 ? `, including some whose scope was not requested (${unrequested.join(', ')})` : ''}; they are available at UserInfo`,
      { actual: present, exchanges },
    )
  },
})
