/** pkce.wrong-verifier — RFC 7636 §4.6; RFC 9700 §2.1.1. */
import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { PKCE_MISMATCH } from '../../../harness/error-code-sentences.js'
import { judgeTokenRefusal } from './judge.js'

const mismatch = exactly('a code_verifier that does not match the code_challenge', 'invalid_grant', PKCE_MISMATCH)

export default defineCheck({
  id: 'pkce.wrong-verifier',
  title: 'A code_verifier that does not match the S256 challenge is refused with invalid_grant',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.6', 'RFC9700-2.1.1'],
  needs: ['pkceWrongVerifier', 'discovery'],
  errorCodes: [mismatch],
  coveredBy: {
    oidf: 'OIDF-FAPI2: fapi2-…-incorrect-pkce-code-verifier-rejected',
    oauch: 'Pkce.IsPkceImplementedTest',
  },
  evaluate: ({ pkceWrongVerifier, discovery }, { target }) => {
    if (pkceWrongVerifier.authorization.kind !== 'code') return skip('no code was issued for the S256 request')
    // RFC 7636 §4.6: "If the values are not equal, an error response indicating "invalid_grant" as
    // described in Section 5.2 of [RFC6749] MUST be returned."
    return judgeTokenRefusal(pkceWrongVerifier, {
      rule: mismatch,
      what: 'a "code_verifier" that does not match the "code_challenge"',
      target,
      discovery,
    })
  },
})
