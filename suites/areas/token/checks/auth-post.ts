import { defineCheck, fail, info, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-post',
  title: 'client_secret_post authentication works where it is advertised',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-2.3.1', 'OIDCC-9'],
  needs: ['tokenPostAuth'],
  coveredBy: {
    oidf: 'oidcc-server-client-secret-post',
    oauch: 'IsClientAuthenticationRequiredTest (default mechanism)',
  },
  evaluate: ({ tokenPostAuth }) => {
    const { call, client, advertised } = tokenPostAuth
    const exchanges = [call.exchange]
    if (tokensIssued(call)) return pass(undefined, { exchanges })
    // RFC 6749 §2.3.1: "the authorization server MAY support including the client credentials in
    // the request-body"; once token_endpoint_auth_methods_supported lists it, it must work.
    if (!advertised)
      return info(`client_secret_post is not advertised and was refused for "${client}" (MAY)`, {
        actual: describeCall(call),
        exchanges,
      })
    return fail(
      `a code exchange authenticated with client_secret_post as "${client}" was refused although the method is advertised`,
      {
        expected: 'HTTP 200 with tokens',
        actual: describeCall(call),
        exchanges,
      },
    )
  },
})
