/** rt.old-rt-rejected — RFC 9700 §4.14.2, RFC 6749 §6: a rotated-out refresh token no longer works. */

import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { expectError, NO_REFRESH_TOKEN } from './expect-error.js'

const rotatedOut = exactly('a refresh token replaced by rotation', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'rt.old-rt-rejected',
  title: 'After rotation, the previous refresh token is refused (invalid_grant)',
  area: 'refresh',
  // SHOULD in general, MUST when rotating: this check only judges servers that rotate.
  level: 'MUST',
  spec: ['RFC9700-4.14.2', 'RFC6749-6'],
  needs: ['refreshChain'],
  errorCodes: [rotatedOut],
  dependsOnSetup:
    'refresh tokens being issued and rotated: skipped when the code exchange returns none, or when the first refresh returns no new one',
  coveredBy: { oauch: 'TokenEndpoint.RefreshTokenRevokedAfterUseTest' },
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    if (isUnavailable(refreshChain.reuse)) return skip(refreshChain.reuse.unavailable)
    // RFC 9700 §4.14.2: "the authorization server issues a new refresh token with every access token
    // refresh response. The previous refresh token is invalidated but retained by the authorization
    // server." RFC 6749 §6: "The authorization server MAY revoke the old refresh token after issuing
    // a new refresh token to the client."
    return expectError(refreshChain.reuse.oldToken, {
      rule: rotatedOut,
      what: 'a refresh token that has been replaced by rotation',
    })
  },
})
