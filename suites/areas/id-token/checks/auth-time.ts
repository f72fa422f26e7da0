/**
 * idt.auth-time — OIDC Core §2, §3.1.2.1 (max_age). The ID token's own iat stands for the
 * server's clock, so no clock skew between the suite and the server enters the comparison.
 */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

/** The code exchange follows the authorization at once; this covers the time between. */
const SLACK = 60
const SKEW = 300

export default defineCheck({
  id: 'idt.auth-time',
  title: 'With max_age, auth_time is present, not in the future, and within max_age',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.2.1'],
  needs: ['idTokenMaxAge'],
  coveredBy: {
    oidf: 'CheckIdTokenAuthTimeClaimPresentDueToMaxAge, CheckIdTokenAuthTimeIsRecentIfPresent, ValidateIdToken',
  },
  evaluate: ({ idTokenMaxAge: sample }) => {
    const claims = sample.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const exchanges = sample.exchanges.slice(-1)
    const authTime = claims.auth_time
    // OIDC Core §3.1.2.1: "When max_age is used, the ID Token returned MUST include an auth_time
    // Claim Value."
    if (authTime === undefined)
      return fail(`the ID token of a request with "max_age" ${sample.maxAge} has no "auth_time"`, { exchanges })
    // OIDC Core §2: auth_time "Its value is a JSON number representing the number of seconds".
    if (typeof authTime !== 'number') return fail('"auth_time" is not a JSON number', { actual: authTime, exchanges })
    const now = typeof claims.iat === 'number' ? claims.iat : sample.receivedAt
    if (authTime > now + SLACK || authTime > sample.receivedAt + SKEW)
      return fail('"auth_time" is in the future', { expected: `auth_time <= ${now}`, actual: authTime, exchanges })
    // OIDC Core §3.1.2.1: "If the elapsed time is greater than this value, the OP MUST attempt to
    // actively re-authenticate the End-User."
    if (now - authTime > sample.maxAge + SLACK)
      return fail(
        `"auth_time" is ${now - authTime} s before the ID token was issued, more than "max_age" ${sample.maxAge}: the user was not re-authenticated`,
        {
          expected: `auth_time >= ${now - sample.maxAge}`,
          actual: authTime,
          exchanges,
        },
      )
    return pass(`authenticated ${now - authTime} s before issuance (max_age ${sample.maxAge})`, { exchanges })
  },
})
