/** logout.client-id-param — client_id with post_logout_redirect_uri and no hint: redirecting is allowed (RP-Initiated Logout §2). */
import { defineCheck, fail, info } from '../../../harness/check.js'
import { describeLogout, redirectToClient } from './judge.js'

export default defineCheck({
  id: 'logout.client-id-param',
  title: 'client_id with post_logout_redirect_uri (no id_token_hint): whether the OP redirects',
  area: 'logout',
  level: 'MAY',
  spec: ['OIDCRPL-2', 'OIDCRPL-3'],
  needs: ['logoutNegative'],
  evaluate: ({ logoutNegative: e }) => {
    const result = e.clientIdParam
    const exchanges = result.exchanges
    const redirect = redirectToClient(result, [e.postLogoutRedirectUri])
    // §2 client_id: "OAuth 2.0 Client Identifier valid at the Authorization Server. … used when
    // post_logout_redirect_uri is used and id_token_hint is not". Redirecting is allowed, not required.
    if (!redirect) return info(`not redirected without an id_token_hint: ${describeLogout(result)}`, { exchanges })
    const states = redirect.params.filter(([name]) => name === 'state').map(([, value]) => value)
    if (states.length !== 1 || states[0] !== result.sent.state)
      return fail('redirected, but "state" is not passed back unchanged', {
        expected: result.sent.state,
        actual: states,
        exchanges,
      })
    return info(
      `redirected to the registered URI with client_id alone${result.confirmed ? ' (after confirmation)' : ''}`,
      {
        actual: redirect.url,
        exchanges,
      },
    )
  },
})
