/**
 * logout.happy — with id_token_hint, a registered post_logout_redirect_uri and state, the OP logs
 * the user out and redirects to that URI with the same state (RP-Initiated Logout §2, §3).
 */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeLogout, logoutExchanges, redirectToClient, sessionState } from './judge.js'

export default defineCheck({
  id: 'logout.happy',
  title: 'Logout with id_token_hint, post_logout_redirect_uri and state redirects back with state and ends the session',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-2', 'OIDCRPL-3'],
  needs: ['logoutHappy'],
  coveredBy: { oidf: 'oidcc-rp-initiated-logout' },
  evaluate: ({ logoutHappy: e }) => {
    const exchanges = logoutExchanges(e.before, e.logout, e.after)
    const redirect = redirectToClient(e.logout, [e.postLogoutRedirectUri])
    // §3: the OP redirects to the post_logout_redirect_uri when it exactly matches a registered one;
    // §2 state: "If included in the logout request, the OP passes this value back to the RP using
    // the state parameter when redirecting the User Agent back to the RP."
    if (!redirect)
      return fail(
        `the logout ended in ${describeLogout(e.logout)}, not a redirect to the registered "post_logout_redirect_uri"`,
        {
          expected: `a redirect to ${e.postLogoutRedirectUri}`,
          actual: e.logout.redirect?.url ?? e.logout.page?.status,
          exchanges,
        },
      )
    const target = new URL(redirect.url)
    const registered = new URL(e.postLogoutRedirectUri)
    const kept = [...registered.searchParams].every(([name, value]) => target.searchParams.getAll(name).includes(value))
    if (target.origin !== registered.origin || target.pathname !== registered.pathname || !kept)
      return fail('the logout redirect is not the registered "post_logout_redirect_uri"', {
        expected: e.postLogoutRedirectUri,
        actual: redirect.url,
        exchanges,
      })
    const states = redirect.params.filter(([name]) => name === 'state').map(([, value]) => value)
    if (states.length !== 1 || states[0] !== e.state)
      return fail('"state" is not passed back unchanged on the logout redirect', {
        expected: e.state,
        actual: states,
        exchanges,
      })
    if (!e.probed || !e.before || !e.after)
      return pass('the session was not probed (capabilities.sso_session is false)', { exchanges })
    // §2: "If the End-User says "yes", then the OP MUST log out the End-User." With a valid hint
    // for the current session the OP may skip the question; either way the session must be gone.
    const before = sessionState(e.before)
    const after = sessionState(e.after)
    if (before.state !== 'alive')
      return pass(
        `the redirect is right; whether the session ended could not be judged (before logout, ${before.detail})`,
        { exchanges },
      )
    if (after.state === 'alive')
      return fail('the session is still alive after the logout: prompt=none returned a code', {
        expected: 'login_required',
        actual: after.detail,
        exchanges,
      })
    if (after.state === 'unknown') return pass(`the redirect is right; after logout, ${after.detail}`, { exchanges })
    return pass(undefined, { actual: { redirect: redirect.url, after: after.detail }, exchanges })
  },
})
