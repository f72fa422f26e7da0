import { defineCheck } from '../../harness/check.js'
import { judgeRejections } from './token-errors.js'

export default defineCheck({
  id: 'token.form-encoding',
  title: 'A token request that is not application/x-www-form-urlencoded is refused with invalid_request',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-B'],
  needs: ['tokenRequestFormat'],
  // RFC 6749 §4.1.3: the client makes the request "using the "application/x-www-form-urlencoded"
  // format per Appendix B". Each body carried a real code, so a server that reads it anyway is
  // caught issuing tokens.
  evaluate: ({ tokenRequestFormat }) =>
    judgeRejections([
      { call: tokenRequestFormat.jsonBody, expectation: { what: 'a JSON body', accepted: ['invalid_request'] } },
      {
        call: tokenRequestFormat.textPlainBody,
        expectation: { what: 'a form body without the form Content-Type', accepted: ['invalid_request'] },
      },
    ]),
})
