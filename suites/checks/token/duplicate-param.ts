import { defineCheck } from '../../harness/check.js'
import { judgeRejection } from './token-errors.js'

export default defineCheck({
  id: 'token.duplicate-param',
  title: 'A token request with a repeated parameter is refused with invalid_request',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2', 'RFC6749-5.2'],
  needs: ['tokenRequestFormat'],
  coveredBy: { oauch: 'TokenEndpoint.SameParameterTwiceDisallowedTest' },
  // RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once."
  // §5.2: invalid_request "… repeats a parameter …".
  evaluate: ({ tokenRequestFormat }) =>
    judgeRejection(tokenRequestFormat.duplicateGrantType, {
      what: 'a request with "grant_type" twice',
      accepted: ['invalid_request'],
    }),
})
