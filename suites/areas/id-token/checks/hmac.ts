/** idt.hmac — OIDC Core §10.1, §16.19 (HS* ID tokens are MACed with the client secret). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'idt.hmac',
  title: 'An HMAC-signed ID token verifies with the client secret, which is long enough for the alg',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-10.1', 'OIDCC-16.19'],
  needs: ['idTokenHmac', 'happyFlow'],
  coveredBy: { oauch: 'IdTokens.HasCorrectMacTest, IdTokens.ClientSecretLongEnoughTest' },
  evaluate: ({ idTokenHmac, happyFlow }) => {
    if (!idTokenHmac.applicable)
      return skip(
        `the ID token is signed with ${idTokenHmac.alg ? `"${idTokenHmac.alg}"` : 'no alg'}, not an HMAC algorithm`,
      )
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §10.1: "the octets of the UTF-8 representation of the client_secret corresponding
    // to the client_id contained in the aud (audience) Claim are used as the key to validate the
    // signature".
    if (!idTokenHmac.verified)
      return fail(`the ${idTokenHmac.alg} MAC does not verify with the client secret`, {
        actual: idTokenHmac.error,
        exchanges,
      })
    // OIDC Core §16.19: "for HS256, the client_secret value MUST contain at least 32 octets".
    const needed = Number(/(\d+)$/.exec(idTokenHmac.alg)?.[1] ?? 256) / 8
    if ((idTokenHmac.secretOctets ?? 0) < needed)
      return fail(
        `the client secret has ${idTokenHmac.secretOctets} octets; ${idTokenHmac.alg} needs at least ${needed}`,
        {
          expected: needed,
          actual: idTokenHmac.secretOctets,
          exchanges,
        },
      )
    return pass(undefined, { exchanges })
  },
})
