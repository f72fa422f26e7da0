/** rt.concurrent-refresh — RFC 9700 §4.14.2: one refresh token, used in parallel, yields at most one success. */

import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'

export default defineCheck({
  id: 'rt.concurrent-refresh',
  title: 'Parallel refreshes with one rotating refresh token: at most one succeeds',
  area: 'refresh',
  level: 'SHOULD',
  spec: ['RFC9700-4.14.2'],
  needs: ['refreshChain', 'refreshBinding'],
  coveredBy: {
    oauch:
      'Concurrency.SingleFastRefreshTest, Concurrency.MultiFastRefreshTest, Concurrency.ConcurrentTokensRevokedTest',
  },
  evaluate: ({ refreshChain, refreshBinding }) => {
    if (!refreshChain.issued) return skip('no refresh token was issued')
    if (isUnavailable(refreshChain.reuse)) {
      return skip('the server does not rotate refresh tokens, so parallel use of one is legitimate')
    }
    const { concurrent } = refreshBinding
    const exchanges = concurrent.map((call) => call.exchange)
    const successes = concurrent.filter((call) => call.status === 200).length
    // RFC 9700 §4.14.2: with rotation "The previous refresh token is invalidated": a race must not
    // turn one refresh token into several live grants.
    if (successes > 1) {
      return fail(`${successes} of ${concurrent.length} parallel refreshes with one refresh token succeeded`, {
        expected: 'at most 1',
        actual: concurrent.map((call) => call.status),
        exchanges,
      })
    }
    return pass(`${successes} of ${concurrent.length} parallel refreshes succeeded`, { exchanges })
  },
})
