/** pkce.s256-to-plain-downgrade — RFC 7636 §7.2; RFC 9700 §4.8. */
import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { PKCE_MISMATCH } from '../../../harness/error-code-sentences.js'
import { judgeTokenRefusal } from './judge.js'

// The challenge presented as the verifier is transformed with S256 like any verifier and does not
// match: RFC 7636 §4.6 names invalid_grant.
const downgrade = exactly('the S256 code_challenge presented as the code_verifier', 'invalid_grant', PKCE_MISMATCH)

export default defineCheck({
  id: 'pkce.s256-to-plain-downgrade',
  title: 'The S256 challenge itself is not accepted as a plain code_verifier',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-7.2', 'RFC9700-4.8', 'RFC7636-4.6'],
  needs: ['pkceDowngradeToPlain', 'discovery'],
  errorCodes: [downgrade],
  coveredBy: { oauch: 'Pkce.IsPkcePlainDowngradeDetectedTest' },
  evaluate: ({ pkceDowngradeToPlain, discovery }, { target }) => {
    if (pkceDowngradeToPlain.authorization.kind !== 'code') return skip('no code was issued for the S256 request')
    // RFC 7636 §4.6: the server transforms the verifier with the method of the authorization
    // request — S256 here — so the challenge value presented as a verifier must not match;
    // §7.2: a client "MUST NOT downgrade to "plain" after trying the "S256" method".
    return judgeTokenRefusal(pkceDowngradeToPlain, {
      rule: downgrade,
      what: 'the S256 "code_challenge" presented as the "code_verifier" (downgrade to plain)',
      target,
      discovery,
    })
  },
})
