import { defineCheck } from '../../harness/check.js'
import { judgeErrorResponse } from './judge.js'

export default defineCheck({
  id: 'authz.duplicate-param',
  title: 'A repeated parameter is refused with invalid_request',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1', 'RFC6749-4.1.2.1'],
  needs: ['authzDuplicateParam'],
  coveredBy: {
    oidf: 'fapi2-…-par-without-duplicate-parameters (PAR only)',
    oauch: 'AuthEndpoint.SameParameterTwiceDisallowedTest',
  },
  // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
  // §4.1.2.1 invalid_request: "includes a parameter more than once". The client and redirect
  // URI are valid, so the error is redirected; an error page is a warning, a code a failure.
  evaluate: ({ authzDuplicateParam }) =>
    judgeErrorResponse(authzDuplicateParam, '"response_type" was sent twice', ['invalid_request'], {
      pageAllowed: false,
    }),
})
