/** rt.new-rt-scope — RFC 6749 §6: a new refresh token carries exactly the old one's scope. */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { NO_REFRESH_TOKEN, sameSet, scopeList } from './expect-error.js'

export default defineCheck({
  id: 'rt.new-rt-scope',
  title: 'A refresh token issued by a narrowing refresh keeps the scope of the token it replaces',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6'],
  needs: ['refreshChain'],
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    const { narrowing, afterNarrowing, grantedScope } = refreshChain
    if (isUnavailable(narrowing)) return skip(narrowing.unavailable)
    if (isUnavailable(afterNarrowing)) return skip(afterNarrowing.unavailable)
    const exchanges = [narrowing.call.exchange, afterNarrowing.call.exchange]
    // RFC 6749 §6: "If a new refresh token is issued, the refresh token scope MUST be identical to
    // that of the refresh token included by the client in the request." The token issued by the
    // narrowing refresh must still cover the original grant: refreshing it without "scope" (which
    // "if omitted is treated as equal to the scope originally granted") yields the original scope.
    if (afterNarrowing.call.status !== 200) {
      return fail(
        `the refresh token issued by the narrowing refresh does not work (HTTP ${afterNarrowing.call.status})`,
        {
          actual: { status: afterNarrowing.call.status, error: afterNarrowing.call.body?.error },
          exchanges,
        },
      )
    }
    const returned = scopeList(afterNarrowing.call.body?.scope) ?? grantedScope
    if (!sameSet(returned, grantedScope)) {
      return fail("the new refresh token's scope differs from that of the refresh token it replaced", {
        expected: grantedScope.join(' '),
        actual: returned.join(' '),
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
