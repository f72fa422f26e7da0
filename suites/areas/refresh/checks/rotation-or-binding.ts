/** rt.rotation-or-binding — RFC 9700 §4.14.2: public clients' refresh tokens rotate or are sender-constrained. */

import { defineCheck, fail, info, pass, skip } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { NO_REFRESH_TOKEN } from './expect-error.js'

export default defineCheck({
  id: 'rt.rotation-or-binding',
  title: 'Refresh tokens of public clients rotate on every refresh (or are sender-constrained)',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC9700-4.14.2', 'RFC9700-2.2.2'],
  needs: ['refreshChain', 'refreshPublic'],
  dependsOnSetup:
    'the client type: judged on a public client of the target file (RFC 9700 §2.2.2 MUST); without one, the confidential client is only reported, since rotation is optional for confidential clients — the finding names the client and its type',
  coveredBy: {
    oidf: 'accepts non-rotation (RefreshTokenRequestSteps)',
    oauch: 'TokenEndpoint.UsesTokenRotationTest',
  },
  evaluate: ({ refreshChain, refreshPublic }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    if (isUnavailable(refreshPublic) || !refreshPublic.first || !refreshPublic.second) {
      // No public client to judge: report the confidential client's behaviour, which RFC 9700 leaves open.
      const why = isUnavailable(refreshPublic)
        ? refreshPublic.unavailable
        : `public client "${refreshPublic.clientId}" got no refresh token`
      const rotated = refreshChain.works.rotated
      const note = `${why}; the refresh tokens of confidential client "${refreshChain.clientId}" ${rotated ? 'rotate' : 'do not rotate, which RFC 9700 §4.14.2 allows for confidential clients'}`
      return rotated ? pass(note) : info(note, { exchanges: [refreshChain.works.call.exchange] })
    }
    const { first, second } = refreshPublic
    const exchanges = [first.call.exchange, second.call.exchange]
    // RFC 9700 §4.14.2: "Refresh tokens for public clients MUST be sender-constrained or use refresh
    // token rotation".
    if (first.rotated && second.rotated) return pass('a new refresh token came with every refresh', { exchanges })
    const tokenType = [first.call.body?.token_type, second.call.body?.token_type]
    if (tokenType.every((type) => typeof type === 'string' && type.toLowerCase() === 'dpop')) {
      return pass('the tokens are DPoP-bound (sender-constrained)', { exchanges })
    }
    if (first.call.status !== 200 || second.call.status !== 200) {
      return fail(`public client "${refreshPublic.clientId}" could not refresh twice in a row`, {
        actual: [first.call.status, second.call.status],
        exchanges,
      })
    }
    return fail(
      `public client "${refreshPublic.clientId}" kept the same refresh token across refreshes, and it is not sender-constrained`,
      {
        expected: 'a new "refresh_token" in every refresh response',
        actual: { rotated: [first.rotated, second.rotated] },
        exchanges,
      },
    )
  },
})
