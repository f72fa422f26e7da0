import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-none-pkce',
  title: 'A public client redeems its code with client_id and a PKCE verifier, no secret',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-2.1', 'RFC6749-3.2.1', 'RFC7636-4.5', 'RFC9700-2.1.1'],
  needs: ['tokenPublicClient'],
  coveredBy: {
    oidf: 'ClientAuthType=none variant, EnsureServerConfigurationSupportsClientAuthNone',
    oauch: 'Features.CodeFlowSupportedTest',
  },
  evaluate: ({ tokenPublicClient }) => {
    const { success, client } = tokenPublicClient
    // RFC 6749 §4.1.3: a public client sends client_id; RFC 9700 §2.1.1: public clients use PKCE.
    return tokensIssued(success)
      ? pass(undefined, { exchanges: [success.exchange] })
      : fail(`the public client "${client}" could not redeem its code with client_id and code_verifier`, {
          expected: 'HTTP 200 with tokens',
          actual: describeCall(success),
          exchanges: [success.exchange],
        })
  },
})
