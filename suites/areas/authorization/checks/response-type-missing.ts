import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeErrorResponse } from './judge.js'

// A missing required parameter (invalid_request) or no response type the server supports
// (unsupported_response_type): either will do, as in OIDF's
// CheckErrorFromAuthorizationEndpointErrorInvalidRequestOrUnsupportedResponseType; another fails.
const missing = exactly(
  'no response_type',
  ['invalid_request', 'unsupported_response_type'],
  AUTHORIZATION_INVALID_REQUEST,
)

export default defineCheck({
  id: 'authz.response-type-missing',
  title: 'A request without response_type is refused, never answered with a code',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1.1', 'RFC6749-4.1.2.1'],
  needs: ['authzResponseTypeMissing'],
  errorCodes: [missing],
  coveredBy: {
    oidf: 'oidcc-response-type-missing (CheckErrorFromAuthorizationEndpointErrorInvalidRequestOrUnsupportedResponseType)',
    oauch: 'AuthEndpoint.IsResponseTypeCheckedTest',
  },
  // RFC 6749 §3.1.1: "response_type REQUIRED"; §4.1.2.1 invalid_request: "missing a required parameter".
  evaluate: ({ authzResponseTypeMissing }) =>
    judgeErrorResponse(authzResponseTypeMissing, '"response_type" was omitted', missing),
})
