/** rev.client-auth-required — RFC 7009 §2.1: a confidential client authenticates to revoke. */

import { defineCheck, fail, skip, warn } from '../../harness/check.js'
import { isUnavailable } from '../../harness/unavailable.js'
import { expectError, worstOf } from '../refresh/expect-error.js'

export default defineCheck({
  id: 'rev.client-auth-required',
  title: 'Revocation without client credentials is refused (invalid_client) and revokes nothing',
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.1'],
  needs: ['revocation'],
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
        accepted: ['invalid_client'],
        what: 'a revocation without client credentials',
        exchanges,
      }),
    ])
  },
})
