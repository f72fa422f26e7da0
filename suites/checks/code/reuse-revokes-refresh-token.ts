import { defineCheck, fail, pass, skip } from '../../harness/check.js'
import { describeCall, tokensIssued } from '../token/token-errors.js'

export default defineCheck({
  id: 'code.reuse-revokes-refresh-token',
  title: 'After a code replay, the refresh token issued from that code no longer works',
  area: 'code',
  level: 'SHOULD',
  spec: ['RFC6749-4.1.2', 'RFC6819-5.2.1.1'],
  needs: ['codeReplay'],
  coveredBy: { oauch: 'TokenEndpoint.RefreshTokenValidAfterMultiExchangeTest' },
  evaluate: ({ codeReplay }) => {
    const { refreshAfter, replay } = codeReplay
    if (!codeReplay.refreshToken || !refreshAfter) return skip('the code exchange issued no refresh token')
    const exchanges = [replay.exchange, refreshAfter.exchange]
    // RFC 6749 §4.1.2: the server "SHOULD revoke (when possible) all tokens previously issued based
    // on that authorization code."
    if (tokensIssued(refreshAfter))
      return fail('the refresh token issued from the code still works after the code was replayed', {
        expected: 'error="invalid_grant"',
        actual: describeCall(refreshAfter),
        exchanges,
      })
    return pass(undefined, { actual: describeCall(refreshAfter), exchanges })
  },
})
