import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeErrorResponse } from './judge.js'

// §4.1.2.1 names invalid_request for a request that "includes a parameter more than once"; the
// repeated parameter is response_type, so a server reading both values as one response type it
// does not support (unsupported_response_type) is defensible, a warning; any other code fails.
const repeated = exactly('"response_type" sent twice', 'invalid_request', AUTHORIZATION_INVALID_REQUEST, [
  'unsupported_response_type',
])

export default defineCheck({
  id: 'authz.duplicate-param',
  title: 'A repeated parameter is refused with invalid_request',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1', 'RFC6749-4.1.2.1'],
  needs: ['authzDuplicateParam'],
  errorCodes: [repeated],
  coveredBy: {
    oidf: 'fapi2-…-par-without-duplicate-parameters (PAR only)',
    oauch: 'AuthEndpoint.SameParameterTwiceDisallowedTest',
  },
  // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
  // §4.1.2.1 invalid_request: "includes a parameter more than once". The client and redirect
  // URI are valid, so the error is redirected; an error page is a warning, a code a failure.
  evaluate: ({ authzDuplicateParam }) =>
    judgeErrorResponse(authzDuplicateParam, '"response_type" was sent twice', repeated, {
      pageAllowed: false,
    }),
})
