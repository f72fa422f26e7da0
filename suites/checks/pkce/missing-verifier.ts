/** pkce.missing-verifier — RFC 7636 §4.5–4.6; RFC 9700 §2.1.1. */
import { defineCheck, skip } from '../../harness/check.js'
import { judgeTokenRefusal } from './judge.js'

export default defineCheck({
  id: 'pkce.missing-verifier',
  title: 'A code requested with a challenge is not redeemed without a code_verifier',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.5', 'RFC7636-4.6', 'RFC9700-2.1.1'],
  needs: ['pkceMissingVerifier', 'discovery'],
  coveredBy: {
    oidf: 'OIDF-FAPI2: fapi2-…-ensure-pkce-code-verifier-required',
    oauch: 'Pkce.IsPkceTokenDowngradeDetectedTest',
  },
  evaluate: ({ pkceMissingVerifier, discovery }, { target }) => {
    if (pkceMissingVerifier.authorization.kind !== 'code') return skip('no code was issued for the S256 request')
    // RFC 7636 §4.5: "code_verifier REQUIRED"; RFC 9700 §2.1.1: authorization servers "MUST
    // enforce" PKCE. A missing parameter is invalid_request, a failed proof invalid_grant: both fit.
    return judgeTokenRefusal(pkceMissingVerifier, {
      accepted: ['invalid_grant', 'invalid_request'],
      what: 'a code exchange without "code_verifier" for a code requested with "code_challenge"',
      target,
      discovery,
    })
  },
})
