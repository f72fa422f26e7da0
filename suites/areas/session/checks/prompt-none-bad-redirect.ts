/** sess.prompt-none-bad-redirect — RFC 6749 §4.1.2.1: prompt=none never redirects to an unregistered URI. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { exchangesOf } from './judging.js'

export default defineCheck({
  id: 'sess.prompt-none-bad-redirect',
  title: 'prompt=none with an unregistered redirect_uri does not redirect there, even with a session',
  area: 'session',
  level: 'MUST',
  spec: ['RFC6749-4.1.2.1', 'RFC6749-3.1.2.4'],
  needs: ['session'],
  evaluate: ({ session }) => {
    const attempt = session.promptNoneBadRedirect
    const { result } = attempt
    const exchanges = exchangesOf(attempt)
    // RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection
    // URI … the authorization server SHOULD inform the resource owner of the error and MUST NOT
    // automatically redirect the user-agent to the invalid redirection URI."
    if (result.kind === 'callback' && new URL(result.url).origin === new URL(attempt.badRedirectUri).origin) {
      return fail(
        `the server redirected to the unregistered "redirect_uri"${result.params.code ? ' with a code' : ''}`,
        {
          expected: 'an error page',
          actual: { redirectedTo: attempt.badRedirectUri, parameters: Object.keys(result.params) },
          exchanges,
        },
      )
    }
    return pass(undefined, { exchanges })
  },
})
