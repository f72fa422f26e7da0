/** ui.no-token — RFC 6750 §3, §3.1; OIDC Core §5.3.3; RFC 9110 §15.5.2. */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { describe, isBearer, parseChallenge, succeeded } from './challenge.js'

export default defineCheck({
  id: 'ui.no-token',
  title: 'A request without a token gets 401 and a Bearer challenge without an error code',
  area: 'userinfo',
  level: 'MUST',
  spec: ['RFC6750-3', 'RFC6750-3.1', 'OIDCC-5.3.3', 'RFC9110-15.5.2'],
  needs: ['userinfoProbes'],
  evaluate: ({ userinfoProbes: { noToken } }) => {
    const exchanges = [noToken.exchange]
    const actual = describe(noToken)
    if (succeeded(noToken))
      return fail('UserInfo answered a request without any access token with success', {
        expected: 401,
        actual,
        exchanges,
      })
    // RFC 6750 §3: "If the protected resource request does not include authentication credentials
    // or does not contain an access token that enables access to the protected resource, the
    // resource server MUST include the HTTP "WWW-Authenticate" response header field".
    const challenge = parseChallenge(noToken.wwwAuthenticate)
    if (!isBearer(challenge))
      return fail('the refusal has no "WWW-Authenticate: Bearer" challenge', {
        expected: 'WWW-Authenticate: Bearer …',
        actual,
        exchanges,
      })
    if (noToken.status !== 401)
      return warn(`the refusal is HTTP ${noToken.status}, not 401`, { expected: 401, actual, exchanges })
    // RFC 6750 §3.1: "If the request lacks any authentication information [...], the resource
    // server SHOULD NOT include an error code or other error information."
    if (challenge?.params.error !== undefined)
      return warn(
        `the challenge carries "error" "${challenge.params.error}" for a request that sent no token (SHOULD NOT)`,
        {
          expected: 'Bearer without error',
          actual,
          exchanges,
        },
      )
    return pass(undefined, { exchanges })
  },
})
