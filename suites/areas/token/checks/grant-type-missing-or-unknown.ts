import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST, TOKEN_UNSUPPORTED_GRANT_TYPE } from '../../../harness/error-code-sentences.js'
import { judgeRejections } from './token-errors.js'

// A missing grant_type is "missing a required parameter"; a server may also read it as a grant type
// it does not support (unsupported_grant_type warns); any other code fails.
const missing = exactly('a real code without grant_type', 'invalid_request', TOKEN_INVALID_REQUEST, [
  'unsupported_grant_type',
])
// An unknown grant_type is unsupported_grant_type only: §5.2 excludes the grant type from
// invalid_request's "unsupported parameter value (other than grant type)".
const unknown = exactly('grant_type=foo', 'unsupported_grant_type', TOKEN_UNSUPPORTED_GRANT_TYPE)

export default defineCheck({
  id: 'token.grant-type-missing-or-unknown',
  title: 'A missing grant_type is invalid_request; an unknown one is unsupported_grant_type',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2'],
  needs: ['tokenRequestFormat', 'tokenGrantErrors'],
  errorCodes: [missing, unknown],
  // RFC 6749 §5.2: invalid_request "The request is missing a required parameter"; unsupported_grant_type
  // "The authorization grant type is not supported by the authorization server."
  evaluate: ({ tokenRequestFormat, tokenGrantErrors }) =>
    judgeRejections([
      {
        call: tokenRequestFormat.grantTypeMissing,
        expectation: { what: 'a real code without grant_type', rule: missing },
      },
      {
        call: tokenGrantErrors.grantTypeUnknown,
        expectation: { what: 'grant_type=foo', rule: unknown },
      },
    ]),
})
