/** pkce.missing-verifier — RFC 7636 §4.5–4.6; RFC 9700 §2.1.1. */
import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeTokenRefusal } from './judge.js'

// A missing parameter is invalid_request, a failed proof invalid_grant: both fit; another code fails.
const missing = exactly(
  'a code requested with code_challenge, redeemed without code_verifier',
  ['invalid_grant', 'invalid_request'],
  TOKEN_INVALID_REQUEST,
)

export default defineCheck({
  id: 'pkce.missing-verifier',
  title: 'A code requested with a challenge is not redeemed without a code_verifier',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.5', 'RFC7636-4.6', 'RFC9700-2.1.1'],
  needs: ['pkceMissingVerifier', 'discovery'],
  errorCodes: [missing],
  coveredBy: {
    oidf: 'OIDF-FAPI2: fapi2-…-ensure-pkce-code-verifier-required',
    oauch: 'Pkce.IsPkceTokenDowngradeDetectedTest',
  },
  evaluate: ({ pkceMissingVerifier, discovery }, { target }) => {
    if (pkceMissingVerifier.authorization.kind !== 'code') return skip('no code was issued for the S256 request')
    // RFC 7636 §4.5: "code_verifier REQUIRED"; RFC 9700 §2.1.1: authorization servers "MUST
    // enforce" PKCE.
    return judgeTokenRefusal(pkceMissingVerifier, {
      rule: missing,
      what: 'a code exchange without "code_verifier" for a code requested with "code_challenge"',
      target,
      discovery,
    })
  },
})
