import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeRejection } from './token-errors.js'

// grant_type=authorization_code is well-formed and supported; only "code" is missing, which §5.2
// names invalid_request ("missing a required parameter") — no grant was provided to be invalid.
const missing = exactly('grant_type=authorization_code without "code"', 'invalid_request', TOKEN_INVALID_REQUEST)

export default defineCheck({
  id: 'token.code-missing',
  title: 'A code exchange without code is refused with invalid_request',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-4.1.3', 'RFC6749-5.2'],
  needs: ['tokenGrantErrors'],
  errorCodes: [missing],
  // RFC 6749 §4.1.3: code "REQUIRED"; §5.2: invalid_request "The request is missing a required parameter".
  evaluate: ({ tokenGrantErrors }) =>
    judgeRejection(tokenGrantErrors.codeMissing, {
      what: 'grant_type=authorization_code without "code"',
      rule: missing,
    }),
})
