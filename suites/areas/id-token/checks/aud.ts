/** idt.aud — OIDC Core §2, §3.1.3.7 (3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.aud',
  title: 'The ID token aud is the client_id, or an array that contains it',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.3.7'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'ValidateIdToken', oauch: 'IdTokens.HasCorrectAudienceTest' },
  evaluate: ({ happyFlow }) => {
    const claims = happyFlow.idToken?.claims
    if (!claims) return skip(NO_ID_TOKEN)
    const clientId = happyFlow.attempt.request.client.client_id
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §2: aud "MUST contain the OAuth 2.0 client_id of the Relying Party as an audience
    // value. It MAY also contain identifiers for other audiences. In the general case, the aud
    // value is an array of case-sensitive strings. In the common special case when there is one
    // audience, the aud value MAY be a single case-sensitive string."
    const { aud } = claims
    const ok =
      aud === clientId || (Array.isArray(aud) && aud.every((a) => typeof a === 'string') && aud.includes(clientId))
    if (ok) return pass(undefined, { exchanges })
    return fail('"aud" does not contain the "client_id"', { expected: clientId, actual: aud, exchanges })
  },
})
