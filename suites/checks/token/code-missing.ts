import { defineCheck } from '../../harness/check.js'
import { judgeRejection } from './token-errors.js'

export default defineCheck({
  id: 'token.code-missing',
  title: 'A code exchange without code is refused with invalid_request',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-5.2'],
  needs: ['tokenGrantErrors'],
  // RFC 6749 §4.1.3: code "REQUIRED"; §5.2: invalid_request "The request is missing a required parameter".
  evaluate: ({ tokenGrantErrors }) =>
    judgeRejection(tokenGrantErrors.codeMissing, {
      what: 'grant_type=authorization_code without "code"',
      accepted: ['invalid_request'],
    }),
})
