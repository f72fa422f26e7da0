/** idt.jws-verifiable — OIDC Core §2, §3.1.3.7 (6–8), §10.1. */
import { defineCheck, fail, pass } from '../../../harness/check.js'

export default defineCheck({
  id: 'idt.jws-verifiable',
  title: 'The ID token is a compact JWS that verifies with the key the JWKS names',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-2', 'OIDCC-3.1.3.3', 'OIDCC-3.1.3.7', 'OIDCC-10.1'],
  needs: ['happyFlow', 'idTokenHmac'],
  coveredBy: {
    oidf: 'ValidateIdTokenSignature',
    oauch: 'IdTokens.IsSignedTest, Features.CanSignatureBeVerifiedTest',
  },
  evaluate: ({ happyFlow, idTokenHmac }) => {
    const exchanges = [happyFlow.token.exchange]
    const idToken = happyFlow.idToken
    // OIDC Core §3.1.3.3: the successful token response of an OpenID Connect request carries
    // "id_token: ID Token value associated with the authenticated session".
    if (!idToken) return fail('the token response to an OpenID Connect request has no "id_token"', { exchanges })
    if (idToken.decodeError || idToken.raw.split('.').length !== 3) {
      return fail('"id_token" is not a compact JWS', {
        actual: idToken.decodeError ?? `${idToken.raw.split('.').length} parts`,
        exchanges,
      })
    }
    const alg = idToken.header?.alg
    // OIDC Core §2: "ID Tokens MUST be signed using JWS"; alg "none" only when registered, which we never do.
    if (alg === 'none')
      return fail('the ID token is unsigned ("alg" "none")', { expected: 'a signed JWS', actual: alg, exchanges })
    if (idTokenHmac.applicable) {
      return idTokenHmac.verified
        ? pass(`the ${alg} MAC verifies with the client secret`, { exchanges })
        : fail(`the ${alg} MAC does not verify with the client secret`, { actual: idTokenHmac.error, exchanges })
    }
    // OIDC Core §3.1.3.7 (6): "The Client MUST validate the signature of all other ID Tokens
    // according to JWS [JWS] using the algorithm specified in the JWT alg Header Parameter. The
    // Client MUST use the keys provided by the Issuer."
    if (!idToken.signature.verified) {
      return fail('the ID token signature does not verify with the keys of the JWKS', {
        actual: idToken.signature.error,
        exchanges,
      })
    }
    return pass(`signed with ${alg}, verified with the JWKS`, { exchanges })
  },
})
