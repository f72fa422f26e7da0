/** ui.insufficient-scope — RFC 6750 §3.1; OIDC Core §5.3 (UserInfo serves OpenID Connect tokens). */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { describe, errorOf, succeeded } from './challenge.js'

export default defineCheck({
  id: 'ui.insufficient-scope',
  title: 'An access token granted without openid is refused (403 insufficient_scope, or 401)',
  area: 'userinfo',
  level: 'SHOULD',
  spec: ['RFC6750-3.1', 'OIDCC-5.3'],
  needs: ['userinfoWithoutOpenid'],
  evaluate: ({ userinfoWithoutOpenid: { call, requestedScope, grantedScope } }) => {
    const exchanges = [call.exchange]
    const actual = describe(call)
    // OIDC Core §5.3: "The Access Token obtained from an OpenID Connect Authentication Request MUST
    // be sent as a Bearer Token"; a token granted without "openid" did not come from one.
    if (succeeded(call))
      return fail(
        `UserInfo served claims for an access token granted without "openid" (scope "${grantedScope ?? requestedScope}")`,
        {
          expected: '403 insufficient_scope',
          actual,
          exchanges,
        },
      )
    // RFC 6750 §3.1: insufficient_scope "The request requires higher privileges than provided by
    // the access token. The resource server SHOULD respond with the HTTP 403 (Forbidden) status code".
    if ((call.status === 403 && errorOf(call) === 'insufficient_scope') || call.status === 401)
      return pass(`refused with HTTP ${call.status}${errorOf(call) ? ` "${errorOf(call)}"` : ''}`, { exchanges })
    return warn(
      `refused with HTTP ${call.status}${errorOf(call) ? ` "${errorOf(call)}"` : ''} instead of 403 "insufficient_scope"`,
      {
        expected: '403 insufficient_scope',
        actual,
        exchanges,
      },
    )
  },
})
