import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.unknown-param-ignored',
  title: 'An unknown parameter in the token request is ignored',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2'],
  needs: ['tokenRequestFormat'],
  coveredBy: { oauch: 'TokenEndpoint.UnrecognizedParameterAllowedTest' },
  evaluate: ({ tokenRequestFormat }) => {
    const call = tokenRequestFormat.unknownParam
    // RFC 6749 §3.2: "The authorization server MUST ignore unrecognized request parameters."
    return tokensIssued(call)
      ? pass(undefined, { exchanges: [call.exchange] })
      : fail('a valid code exchange with the extra parameter "hello" was refused', {
          expected: 'HTTP 200 with tokens',
          actual: describeCall(call),
          exchanges: [call.exchange],
        })
  },
})
