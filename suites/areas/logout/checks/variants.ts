/**
 * logout.variants — logout with no parameters, only `state`, no `post_logout_redirect_uri`, or no
 * `state`: the user is logged out (after confirming, when asked), there is no redirect without a
 * URI, no `state` is invented, and without an id_token_hint the OP asks first (RP-Initiated Logout §2, §3).
 */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import type { LogoutVariant } from '../gather/logout-scenarios.js'
import { describeLogout, logoutExchanges, redirectToClient, sessionState } from './judge.js'

export default defineCheck({
  id: 'logout.variants',
  title: 'Logout without parameters, with only state, without post_logout_redirect_uri or without state behaves',
  area: 'logout',
  level: 'MUST',
  spec: ['OIDCRPL-2', 'OIDCRPL-3'],
  needs: ['logoutVariants'],
  coveredBy: {
    oidf: 'oidcc-rp-initiated-logout-no-params, -no-post-logout-redirect-uri, -only-state, -no-state',
  },
  evaluate: ({ logoutVariants }) => {
    const problems: string[] = []
    const notes: string[] = []
    for (const variant of logoutVariants.variants)
      judgeVariant(variant, logoutVariants.probed, logoutVariants.registered, problems, notes)
    const exchanges = logoutVariants.variants.flatMap((v) =>
      logoutExchanges(v.first, v.afterFirst, v.confirmed, v.after),
    )
    if (problems.length > 0) return fail(problems.join('; '), { actual: problems, exchanges })
    if (logoutVariants.variants.length === 0) return skip('no logout variant ran')
    return pass(notes.length > 0 ? notes.join('; ') : undefined, { exchanges })
  },
})

function judgeVariant(
  variant: LogoutVariant,
  probed: boolean,
  registered: string[],
  problems: string[],
  notes: string[],
): void {
  const last = variant.confirmed ?? variant.first
  const uris = variant.postLogoutRedirectUri ? [variant.postLogoutRedirectUri] : []
  const redirect = last.redirect
  const name = `(${variant.name})`
  if (!variant.postLogoutRedirectUri) {
    // §3: redirection "is the post_logout_redirect_uri parameter value sent by the initiating RP" —
    // without one there is nowhere the RP asked to go.
    const unasked = redirectToClient(last, registered)
    if (unasked)
      problems.push(`${name} the OP redirected to ${unasked.url} although no "post_logout_redirect_uri" was sent`)
  } else {
    const back = redirectToClient(last, uris)
    if (!back)
      problems.push(
        `${name} the logout ended in ${describeLogout(last)}, not a redirect to the registered "post_logout_redirect_uri"`,
      )
    // §2 state: passed back "if included in the logout request" — never invented.
    else if (back.params.some(([param]) => param === 'state'))
      problems.push(`${name} the redirect carries a "state" although none was sent`)
  }
  if (!probed || !variant.after) return
  const firstProbe = variant.afterFirst ? sessionState(variant.afterFirst) : undefined
  const after = sessionState(variant.after)
  // §2: "the OP MUST ask the End-User this question if an id_token_hint was not provided … If the
  // End-User says "yes", then the OP MUST log out the End-User."
  if (!variant.withHint && !variant.first.confirmationShown && after.state === 'ended')
    problems.push(`${name} the OP logged the user out without asking, although no "id_token_hint" was sent`)
  if (firstProbe?.state === 'ended')
    problems.push(`${name} the session ended before the user answered the OP's confirmation question`)
  if (after.state === 'alive') {
    if (variant.confirmed?.confirmed || (!variant.first.confirmationShown && variant.withHint && redirect))
      problems.push(`${name} the user is still logged in after the logout (${after.detail})`)
    else
      notes.push(`${name} the session is still alive; the OP showed ${describeLogout(last)} the suite could not answer`)
  } else if (after.state === 'unknown') notes.push(`${name} after logout, ${after.detail}`)
}
