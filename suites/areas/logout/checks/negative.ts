/** The shared verdict of the "must not redirect" logout scenarios (RP-Initiated Logout §3, §4). */
import type { LogoutResult } from '../../../flows/logout-request.js'
import { fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { describeLogout, redirectToClient } from './judge.js'

/**
 * No redirect to the client: an error page or a confirmation page is right. `strict`: the spec
 * leaves no room (an unregistered or altered URI), so even a redirect after the user confirmed
 * fails; otherwise (no trustworthy hint) a redirect only after explicit confirmation is a warning,
 * since §3 allows redirection when the OP "has other means of confirming the legitimacy".
 */
export function noRedirect(result: LogoutResult, uris: string[], what: string, strict: boolean): Verdict {
  const exchanges = result.exchanges
  const redirect = redirectToClient(result, uris)
  if (!redirect) return pass(`no redirect: ${describeLogout(result)}`, { exchanges })
  const message = `the OP redirected to the client (${redirect.url}) for a logout request with ${what}`
  if (!strict && result.confirmed)
    return warn(`${message}, after the suite confirmed the logout on the OP's page`, {
      expected: 'no redirect',
      actual: redirect.url,
      exchanges,
    })
  return fail(message, { expected: 'no redirect (an error or confirmation page)', actual: redirect.url, exchanges })
}
