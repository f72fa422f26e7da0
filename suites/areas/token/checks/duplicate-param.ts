import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeRejection } from './token-errors.js'

// §5.2 names invalid_request for a request that "repeats a parameter", but the repeated parameter
// is grant_type: a server that reads both values sees a grant type it does not support, so
// unsupported_grant_type is defensible (a warning); any other code fails.
const repeated = exactly('"grant_type" sent twice', 'invalid_request', TOKEN_INVALID_REQUEST, [
  'unsupported_grant_type',
])

export default defineCheck({
  id: 'token.duplicate-param',
  title: 'A token request with a repeated parameter is refused with invalid_request',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2', 'RFC6749-5.2'],
  needs: ['tokenRequestFormat'],
  errorCodes: [repeated],
  coveredBy: { oauch: 'TokenEndpoint.SameParameterTwiceDisallowedTest' },
  // RFC 6749 §3.2: "Request and response parameters MUST NOT be included more than once."
  // §5.2: invalid_request "… repeats a parameter …".
  evaluate: ({ tokenRequestFormat }) =>
    judgeRejection(tokenRequestFormat.duplicateGrantType, {
      what: 'a request with "grant_type" twice',
      rule: repeated,
    }),
})
