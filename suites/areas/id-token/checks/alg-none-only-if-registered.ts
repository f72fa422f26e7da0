/** idt.alg-none-only-if-registered — OIDC Core §2, §3.1.3.7. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.alg-none-only-if-registered',
  title: 'The ID token is never unsigned for a client that did not register alg none',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.3.7'],
  needs: ['happyFlow'],
  coveredBy: {
    oidf: 'oidcc-idtoken-unsigned (CheckIdTokenSignatureAlgorithm, dynamic)',
    oauch: 'IdTokens.IsSignedTest',
  },
  evaluate: ({ happyFlow }) => {
    const idToken = happyFlow.idToken
    if (!idToken?.header) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §2: "ID Tokens MUST NOT use none as the alg value unless the Response Type used
    // returns no ID Token from the Authorization Endpoint (such as when using the Authorization Code
    // Flow) and the Client explicitly requested the use of none at Registration time." The suite's
    // clients never register "none".
    if (idToken.header.alg === 'none' || idToken.raw.endsWith('.'))
      return fail('the ID token is unsigned, although the client did not register "alg" "none"', {
        expected: 'a signed ID token',
        actual: idToken.header.alg,
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
