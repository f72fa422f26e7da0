/** idt.azp — OIDC Core §2, §3.1.3.7 (4–5). */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.azp',
  title: 'azp is present with several audiences, and equals the client_id when present',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.3.7'],
  needs: ['happyFlow'],
  coveredBy: {
    oauch: 'IdTokens.HasAzpForMultiAudienceTest (Should), IdTokens.HasAuthorizedPartyTest (Must)',
    oidf: 'partial: ValidateIdToken ignores azp (compared on refresh only, CompareIdTokenClaims)',
  },
  evaluate: ({ happyFlow }) => {
    const claims = happyFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const clientId = happyFlow.attempt.request.client.client_id
    const exchanges = [happyFlow.token.exchange]
    const { azp, aud } = claims
    // OIDC Core §2: azp "Authorized party - the party to which the ID Token was issued. If
    // present, it MUST contain the OAuth 2.0 Client ID of this party." The token was issued to us.
    if (azp !== undefined && azp !== clientId)
      return fail('"azp" is not the "client_id" of the client the ID token was issued to', {
        expected: clientId,
        actual: azp,
        exchanges,
      })
    // OIDC Core §3.1.3.7 (4): "If the ID Token contains multiple audiences, the Client SHOULD
    // verify that an azp Claim is present."
    if (Array.isArray(aud) && aud.length > 1 && azp === undefined)
      return warn(`"aud" names ${aud.length} audiences but there is no "azp"`, {
        expected: clientId,
        actual: undefined,
        exchanges,
      })
    return pass(azp === undefined ? 'no "azp", single audience' : undefined, { exchanges })
  },
})
