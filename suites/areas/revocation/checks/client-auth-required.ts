/** rev.client-auth-required — RFC 7009 §2.1: a confidential client authenticates to revoke. */

import { defineCheck, fail, skip, warn } from '../../../harness/check.js'
import { preferably } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_CLIENT } from '../../../harness/error-code-sentences.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { expectError, worstOf } from '../../refresh/checks/expect-error.js'

// The request names no client at all (no credentials, no client_id): as at the token endpoint
// (token.auth-missing), failed authentication and a missing parameter both fit; another code warns.
const nothing = preferably(
  'a revocation request with no client authentication and no client_id',
  ['invalid_client', 'invalid_request'],
  TOKEN_INVALID_CLIENT,
)

export default defineCheck({
  id: 'rev.client-auth-required',
  title: 'Revocation without client credentials is refused (invalid_client) and revokes nothing',
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.1'],
  needs: ['revocation'],
  errorCodes: [nothing],
  dependsOnSetup:
    'the primary client being confidential (skipped for a public one: it has no credentials to leave out)',
  coveredBy: { oauch: 'Revocation.IsClientAuthRequiredTest' },
  evaluate: ({ revocation }) => {
    const attempt = revocation.withoutAuthentication
    if (isUnavailable(attempt)) return skip(attempt.unavailable)
    const exchanges = [attempt.revoke.exchange, ...(attempt.after.exchange ? [attempt.after.exchange] : [])]
    // RFC 7009 §2.1: "The client also includes its authentication credentials as described in
    // Section 2.3. of [RFC6749]"; "The authorization server first validates the client credentials
    // (in case of a confidential client)".
    if (attempt.after.alive === false) {
      return fail('a revocation request without client credentials revoked the access token', {
        expected: 'invalid_client, token still valid',
        actual: { status: attempt.revoke.status, tokenAlive: false },
        exchanges,
      })
    }
    if (attempt.revoke.status === 200) {
      return warn('a revocation request without client credentials was answered 200 (the token was not revoked)', {
        expected: 'invalid_client',
        actual: 200,
        exchanges,
      })
    }
    return worstOf([
      expectError(attempt.revoke, {
        rule: nothing,
        what: 'a revocation without client credentials',
        exchanges,
      }),
    ])
  },
})
