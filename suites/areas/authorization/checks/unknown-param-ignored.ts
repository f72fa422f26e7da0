import { defineCheck } from '../../../harness/check.js'
import { judgeSuccess } from './judge.js'

export default defineCheck({
  id: 'authz.unknown-param-ignored',
  title: 'An unknown authorization request parameter is ignored',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1'],
  needs: ['authzUnknownParam'],
  coveredBy: {
    oidf: 'oidcc-ensure-request-with-unknown-parameter-succeeds',
    oauch: 'AuthEndpoint.UnrecognizedParameterAllowedTest',
  },
  // RFC 6749 §3.1: "The authorization server MUST ignore unrecognized request parameters."
  evaluate: ({ authzUnknownParam }) => judgeSuccess(authzUnknownParam, 'the request with "extra=foobar"'),
})
