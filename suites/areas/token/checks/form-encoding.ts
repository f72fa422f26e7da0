import { defineCheck } from '../../../harness/check.js'
import { preferably } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeRejections } from './token-errors.js'

// A server that cannot read the body sees no parameters at all, so unsupported_grant_type (no
// grant type it knows) is as defensible as invalid_request: another code only warns.
const notForm = preferably(
  'a body that is not application/x-www-form-urlencoded',
  ['invalid_request'],
  TOKEN_INVALID_REQUEST,
)

export default defineCheck({
  id: 'token.form-encoding',
  title: 'A token request that is not application/x-www-form-urlencoded is refused with invalid_request',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-B'],
  needs: ['tokenRequestFormat'],
  errorCodes: [notForm],
  // RFC 6749 §4.1.3: the client makes the request "using the "application/x-www-form-urlencoded"
  // format per Appendix B". Each body carried a real code, so a server that reads it anyway is
  // caught issuing tokens.
  evaluate: ({ tokenRequestFormat }) =>
    judgeRejections([
      { call: tokenRequestFormat.jsonBody, expectation: { what: 'a JSON body', rule: notForm } },
      {
        call: tokenRequestFormat.textPlainBody,
        expectation: { what: 'a form body without the form Content-Type', rule: notForm },
      },
    ]),
})
