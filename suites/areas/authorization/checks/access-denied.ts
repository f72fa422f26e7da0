import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_ACCESS_DENIED } from '../../../harness/error-code-sentences.js'
import { judgeErrorResponse } from './judge.js'

const denied = exactly('the user refused', 'access_denied', AUTHORIZATION_ACCESS_DENIED)

export default defineCheck({
  id: 'authz.access-denied',
  title: 'A user who refuses is redirected back with error=access_denied and the state',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-4.1.2.1'],
  needs: ['authzAccessDenied'],
  errorCodes: [denied],
  coveredBy: {
    oidf: 'fapi2-…-user-rejects-authentication (ExpectAccessDeniedErrorFromAuthorizationEndpointDueToUserRejectingRequest)',
  },
  // RFC 6749 §4.1.2.1: "If the resource owner denies the access request …, the authorization
  // server informs the client by adding the following parameters to the query component of the
  // redirection URI"; access_denied: "The resource owner or authorization server denied the request."
  // The state is judged with every other error redirect (authz.error-response-shape, state.echoed-on-error).
  evaluate: ({ authzAccessDenied: flow }) =>
    judgeErrorResponse(flow, `the user refused (${flow.how})`, denied, { pageAllowed: false }),
})
