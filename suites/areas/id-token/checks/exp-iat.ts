/**
 * idt.exp-iat — OIDC Core §2, §3.1.3.7 (9–10). Judged against the moment the token response
 * arrived (`receivedAt`, the suite's clock), with 5 minutes of tolerance for clock skew.
 */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

const SKEW = 300

export default defineCheck({
  id: 'idt.exp-iat',
  title: 'exp and iat are numeric dates: exp in the future and after iat, iat neither future nor stale',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.3.7', 'RFC7519-4.1.4'],
  needs: ['idTokenFlow'],
  coveredBy: {
    oidf: 'ValidateIdToken (expired, iat future, iat > 5 min old)',
    oauch: 'IdTokens.HasRequiredClaimsTest (presence)',
  },
  evaluate: ({ idTokenFlow }) => {
    const claims = idTokenFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const exchanges = idTokenFlow.exchanges.slice(-1)
    const { exp, iat } = claims
    const now = idTokenFlow.receivedAt
    // OIDC Core §2: exp and iat are REQUIRED; "Its value is a JSON number representing the number
    // of seconds from 1970-01-01T00:00:00Z as measured in UTC until the date/time."
    if (typeof exp !== 'number' || typeof iat !== 'number')
      return fail('"exp" and "iat" must both be JSON numbers of seconds', { actual: { exp, iat }, exchanges })
    // OIDC Core §3.1.3.7 (9): "The current time MUST be before the time represented by the exp Claim".
    if (exp <= now)
      return fail('the ID token had already expired when it arrived', {
        expected: `exp > ${now}`,
        actual: exp,
        exchanges,
      })
    if (exp <= iat) return fail('"exp" is not after "iat"', { actual: { exp, iat }, exchanges })
    // OIDC Core §2: iat is "the time at which the JWT was issued": not after it arrived.
    if (iat > now + SKEW)
      return fail(`"iat" is ${iat - now} s in the future (beyond ${SKEW} s of clock skew)`, {
        expected: `iat <= ${now}`,
        actual: iat,
        exchanges,
      })
    // OIDC Core §3.1.3.7 (10): "The iat Claim can be used to reject tokens that were issued too far
    // away from the current time". The OpenID Foundation's suite fails iat older than 5 minutes.
    if (iat < now - SKEW)
      return warn(`"iat" is ${now - iat} s before the token arrived: the clock is off or the token is stale`, {
        expected: `iat >= ${now - SKEW}`,
        actual: iat,
        exchanges,
      })
    return pass(`iat ${iat - now >= 0 ? '+' : ''}${iat - now} s, lifetime ${exp - iat} s`, { exchanges })
  },
})
