/** idt.header-sanity — RFC 7515 §4.1.11 (crit), RFC 7519 §5.1 (typ); OIDC Core §10.2 (encryption only if registered). */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.header-sanity',
  title: 'The ID token header has no crit, a typ that is absent or JWT, and is not encrypted unasked',
  area: 'id-token',
  level: 'MUST',
  spec: ['RFC7515-4.1.11', 'RFC7519-5.1', 'OIDCC-10.2'],
  needs: ['happyFlow'],
  coveredBy: { oidf: 'partial: ValidateEncryptedIdTokenHasKid (JWE only)' },
  evaluate: ({ happyFlow }) => {
    const idToken = happyFlow.idToken
    if (!idToken) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange]
    // OIDC Core §10.2: an ID token is encrypted only for a client that registered
    // id_token_encrypted_response_alg; the suite's clients never do.
    if (idToken.raw.split('.').length === 5)
      return fail('the ID token is a JWE, although the client registered no encryption', { exchanges })
    const header = idToken.header
    if (!header) return skip('the ID token header could not be decoded (judged by idt.jws-verifiable)')
    // RFC 7515 §4.1.11: "If any of the listed extension Header Parameters are not understood and
    // supported by the recipient, then the JWS is invalid." No ID token extension needs crit.
    if (header.crit !== undefined)
      return fail(
        'the ID token header has "crit", so relying parties that do not know the listed extensions must reject it',
        {
          actual: header.crit,
          exchanges,
        },
      )
    if (header.b64 === false) return fail('the ID token header has "b64": false (unencoded payload)', { exchanges })
    const typ = header.typ
    if (typ !== undefined && !['jwt', 'application/jwt'].includes(String(typ).toLowerCase()))
      return warn(`the ID token header has "typ" "${typ}"; ID tokens use "JWT" or no typ`, {
        expected: 'JWT',
        actual: typ,
        exchanges,
      })
    return pass(undefined, { exchanges })
  },
})
