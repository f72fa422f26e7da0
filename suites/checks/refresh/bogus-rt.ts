/** rt.bogus-rt — RFC 6749 §5.2: an unknown refresh token is invalid_grant. */
import { defineCheck } from '../../harness/check.js'
import { expectError } from './expect-error.js'

export default defineCheck({
  id: 'rt.bogus-rt',
  title: 'A refresh token the server never issued is refused with invalid_grant',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC6749-6'],
  needs: ['refreshBinding'],
  evaluate: ({ refreshBinding }) =>
    // RFC 6749 §5.2: invalid_grant — "The provided authorization grant (e.g., authorization code,
    // resource owner credentials) or refresh token is invalid, expired, revoked".
    expectError(refreshBinding.bogus, { accepted: ['invalid_grant'], what: 'a random "refresh_token"' }),
})
