import { defineCheck } from '../../harness/check.js'
import { judgeRejection } from '../token/token-errors.js'

export default defineCheck({
  id: 'code.bogus-code',
  title: 'A code that was never issued is refused with 400 invalid_grant',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-5.2'],
  needs: ['tokenGrantErrors'],
  // RFC 6749 §5.2: invalid_grant "The provided authorization grant (e.g., authorization code …) is
  // invalid, expired, revoked, …".
  evaluate: ({ tokenGrantErrors }) =>
    judgeRejection(tokenGrantErrors.bogusCode, { what: 'a code that was never issued', accepted: ['invalid_grant'] }),
})
