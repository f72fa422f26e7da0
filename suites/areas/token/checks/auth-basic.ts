import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-basic',
  title: 'client_secret_basic authentication works',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-2.3.1'],
  needs: ['tokenBasicAuth'],
  coveredBy: {
    oidf: 'oidcc-server (AddBasicAuthClientSecretToRequest)',
    oauch: 'TokenEndpoint.IsBasicAuthenticationSupportedTest',
  },
  evaluate: ({ tokenBasicAuth }) => {
    const { call, client } = tokenBasicAuth
    // RFC 6749 §2.3.1: "The authorization server MUST support the HTTP Basic authentication scheme
    // for authenticating clients that were issued a client password."
    return tokensIssued(call)
      ? pass(undefined, { exchanges: [call.exchange] })
      : fail(`a code exchange authenticated with HTTP Basic as "${client}" was refused`, {
          expected: 'HTTP 200 with tokens',
          actual: describeCall(call),
          exchanges: [call.exchange],
        })
  },
})
