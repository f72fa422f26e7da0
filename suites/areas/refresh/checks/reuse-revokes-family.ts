/** rt.reuse-revokes-family — RFC 9700 §4.14.2: reuse of a rotated-out refresh token revokes the active one. */

import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { expectError, NO_REFRESH_TOKEN } from './expect-error.js'

const familyRevoked = exactly(
  'the newest refresh token after its rotated-out predecessor was reused',
  'invalid_grant',
  TOKEN_INVALID_GRANT,
)

export default defineCheck({
  id: 'rt.reuse-revokes-family',
  title: 'Reusing a rotated-out refresh token revokes the newest refresh token of the grant',
  area: 'refresh',
  level: 'SHOULD',
  spec: ['RFC9700-4.14.2'],
  needs: ['refreshChain'],
  errorCodes: [familyRevoked],
  dependsOnSetup:
    'refresh tokens being issued and rotated: skipped when the code exchange returns none, or when the first refresh returns no new one',
  coveredBy: { oauch: 'TokenEndpoint.InvalidatedRefreshTokenTest' },
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    if (isUnavailable(refreshChain.reuse)) return skip(refreshChain.reuse.unavailable)
    const { oldToken, newestToken } = refreshChain.reuse
    // RFC 9700 §4.14.2: "The authorization server cannot determine which party submitted the invalid
    // refresh token, but it will revoke the active refresh token."
    return expectError(newestToken, {
      rule: familyRevoked,
      what: 'the newest refresh token, after its rotated-out predecessor was reused,',
      exchanges: [oldToken.exchange, newestToken.exchange],
    })
  },
})
