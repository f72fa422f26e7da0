import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { judgeRejection } from '../../token/checks/token-errors.js'

// RFC 6749 §5.2: a well-formed code the server never issued is an "invalid" grant: invalid_grant only.
const neverIssued = exactly('a well-formed code that was never issued', 'invalid_grant', TOKEN_INVALID_GRANT)

export default defineCheck({
  id: 'code.bogus-code',
  title: 'A code that was never issued is refused with 400 invalid_grant',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-5.2'],
  needs: ['tokenGrantErrors'],
  errorCodes: [neverIssued],
  evaluate: ({ tokenGrantErrors }) =>
    judgeRejection(tokenGrantErrors.bogusCode, { what: 'a code that was never issued', rule: neverIssued }),
})
