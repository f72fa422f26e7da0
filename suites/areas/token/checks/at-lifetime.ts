import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

/** RFC 6750 §5.3 / OAuch Tokens.TokenTimeoutTest: an hour at most. */
const MAX_EXPIRES_IN = 3600

export default defineCheck({
  id: 'token.at-lifetime',
  title: 'Access tokens are short-lived (expires_in ≤ 1 h) and stop working when they expire',
  area: 'token',
  level: 'SHOULD',
  spec: ['RFC6750-5.3', 'RFC6819-5.1.5.3'],
  needs: ['happyFlow', 'tokenAccessTokenExpiry'],
  coveredBy: { oauch: 'Tokens.TokenTimeoutTest (≤ 1 h), Tokens.ShortTokenTimeoutTest (≤ 10 min)' },
  evaluate: ({ happyFlow, tokenAccessTokenExpiry: expiry }) => {
    const expiresIn = happyFlow.token.body?.expires_in
    const exchanges = [happyFlow.token.exchange]
    if (typeof expiresIn !== 'number') return skip('the token response has no "expires_in" (see token.success-shape)')
    // RFC 6750 §5.3: "Token servers SHOULD issue short-lived (one hour or less) bearer tokens".
    if (expiresIn > MAX_EXPIRES_IN)
      return fail(`"expires_in" is ${expiresIn} s, longer than one hour`, {
        expected: `≤ ${MAX_EXPIRES_IN}`,
        actual: expiresIn,
        exchanges,
      })
    if (!expiry.ran)
      return pass(`"expires_in" is ${expiresIn} s; whether the token really expires was not tried: ${expiry.reason}`, {
        actual: expiresIn,
        exchanges,
      })
    const { userinfo, waitedSeconds } = expiry
    // RFC 6750 §3.1: invalid_token "The access token provided is expired … The resource SHOULD
    // respond with the HTTP 401 (Unauthorized) status code."
    if (userinfo.status >= 200 && userinfo.status < 300)
      return fail(
        `the access token still worked at UserInfo ${waitedSeconds} s after issue although "expires_in" was ${expiry.expiresIn}`,
        {
          expected: 'HTTP 401',
          actual: `HTTP ${userinfo.status}`,
          exchanges: [...exchanges, userinfo.exchange],
        },
      )
    return pass(undefined, {
      actual: { expiresIn, afterExpiry: `HTTP ${userinfo.status}` },
      exchanges: [...exchanges, userinfo.exchange],
    })
  },
})
