/** intr.auth-required — RFC 7662 §2.1, §2.3: introspection requires authorization (401 without it). */

import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'

export default defineCheck({
  id: 'intr.auth-required',
  title: 'Introspection without client credentials is refused with 401',
  area: 'introspection',
  level: 'MUST',
  spec: ['RFC7662-2.1', 'RFC7662-2.3'],
  needs: ['introspection'],
  evaluate: ({ introspection }) => {
    const answer = introspection.withoutAuthentication
    if (isUnavailable(answer)) return skip(answer.unavailable)
    const exchanges = [answer.exchange]
    // RFC 7662 §2.1: "To prevent token scanning attacks, the endpoint MUST also require some form of
    // authorization to access this endpoint"; §2.3: "If the protected resource uses OAuth 2.0 client
    // credentials to authenticate to the introspection endpoint and its credentials are invalid, the
    // authorization server responds with an HTTP 401 (Unauthorized)".
    if (answer.status === 401) return pass(undefined, { exchanges })
    if (answer.status >= 200 && answer.status < 300) {
      return answer.body?.active === true
        ? fail('introspection without client credentials disclosed an active token', {
            expected: 401,
            actual: 200,
            exchanges,
          })
        : warn(`introspection without client credentials was answered with HTTP ${answer.status}`, {
            expected: 401,
            actual: answer.status,
            exchanges,
          })
    }
    return warn(`introspection without client credentials was refused with HTTP ${answer.status}, not 401`, {
      expected: 401,
      actual: { status: answer.status, error: answer.body?.error },
      exchanges,
    })
  },
})
