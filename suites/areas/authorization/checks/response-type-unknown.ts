import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_UNSUPPORTED_RESPONSE_TYPE } from '../../../harness/error-code-sentences.js'
import { judgeErrorResponse } from './judge.js'

// unsupported_response_type is the code for it; an unknown value is also "an invalid parameter
// value" (invalid_request), a defensible reading that warns; any other code fails.
const unknown = exactly('response_type=foo', 'unsupported_response_type', AUTHORIZATION_UNSUPPORTED_RESPONSE_TYPE, [
  'invalid_request',
])

export default defineCheck({
  id: 'authz.response-type-unknown',
  title: 'An unknown response_type is refused with unsupported_response_type',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1.1', 'RFC6749-4.1.2.1'],
  needs: ['authzResponseTypeUnknown'],
  errorCodes: [unknown],
  coveredBy: { oauch: 'AuthEndpoint.IsResponseTypeCheckedTest (checks only that no token is issued)' },
  // RFC 6749 §3.1.1: "If an authorization request is missing the "response_type" parameter, or if
  // the response type is not understood, the authorization server MUST return an error response
  // as described in Section 4.1.2.1." §4.1.2.1: unsupported_response_type.
  evaluate: ({ authzResponseTypeUnknown }) =>
    judgeErrorResponse(authzResponseTypeUnknown, '"response_type" was "foo"', unknown),
})
