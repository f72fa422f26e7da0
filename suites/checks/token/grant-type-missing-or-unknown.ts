import { defineCheck } from '../../harness/check.js'
import { judgeRejections } from './token-errors.js'

export default defineCheck({
  id: 'token.grant-type-missing-or-unknown',
  title: 'A missing grant_type is invalid_request; an unknown one is unsupported_grant_type',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2'],
  needs: ['tokenRequestFormat', 'tokenGrantErrors'],
  // RFC 6749 §5.2: invalid_request "The request is missing a required parameter"; unsupported_grant_type
  // "The authorization grant type is not supported by the authorization server."
  evaluate: ({ tokenRequestFormat, tokenGrantErrors }) =>
    judgeRejections([
      {
        call: tokenRequestFormat.grantTypeMissing,
        expectation: { what: 'a real code without grant_type', accepted: ['invalid_request'] },
      },
      {
        call: tokenGrantErrors.grantTypeUnknown,
        expectation: { what: 'grant_type=foo', accepted: ['unsupported_grant_type'] },
      },
    ]),
})
