/** idt.iss — OIDC Core §2, §3.1.3.7 (2). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.iss',
  title: 'The ID token iss is exactly the issuer',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.3.7'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'ValidateIdToken', oauch: 'IdTokens.HasCorrectIssuerTest' },
  evaluate: ({ happyFlow }, { target }) => {
    const claims = happyFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §3.1.3.7 (2): "The Issuer Identifier for the OpenID Provider (which is typically
    // obtained during Discovery) MUST exactly match the value of the iss (issuer) Claim."
    if (claims.iss === target.issuer) return pass(undefined, { exchanges })
    const hint =
      typeof claims.iss === 'string' && claims.iss.replace(/\/$/, '') === target.issuer.replace(/\/$/, '')
        ? ' (they differ only by a trailing "/")'
        : ''
    return fail(`"iss" is not exactly the issuer${hint}`, { expected: target.issuer, actual: claims.iss, exchanges })
  },
})
