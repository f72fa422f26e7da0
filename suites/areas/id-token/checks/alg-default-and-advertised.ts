/** idt.alg-default-and-advertised — OIDC Core §3.1.3.7 (7); OIDC Registration §2; OIDC Discovery §3. */
import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { NO_ID_TOKEN } from './common.js'

export default defineCheck({
  id: 'idt.alg-default-and-advertised',
  title: 'The ID token alg is advertised in id_token_signing_alg_values_supported, and RS256 by default',
  area: 'id-token',
  level: 'MUST',
  spec: ['OIDCC-3.1.3.7', 'OIDCR-2', 'OIDCD-3'],
  needs: ['happyFlow', 'discovery'],
  coveredBy: { oidf: 'EnsureIdTokenSignatureIsRS256 (dynamic plans only; nobody cross-checks the advertised list)' },
  evaluate: ({ happyFlow, discovery }) => {
    const alg = happyFlow.idToken?.header?.alg
    if (!alg) return skip(NO_ID_TOKEN)
    const exchanges = [happyFlow.token.exchange, ...(discovery.exchange ? [discovery.exchange] : [])]
    const advertised = discovery.metadata?.id_token_signing_alg_values_supported
    // OIDC Discovery §3: id_token_signing_alg_values_supported "REQUIRED. JSON array containing a
    // list of the JWS signing algorithms (alg values) supported by the OP for the ID Token".
    if (Array.isArray(advertised) && !advertised.includes(alg)) {
      return fail(`the ID token is signed with "${alg}", which "id_token_signing_alg_values_supported" does not list`, {
        expected: advertised,
        actual: alg,
        exchanges,
      })
    }
    // OIDC Registration §2: id_token_signed_response_alg "The default, if omitted, is RS256". The
    // target file does not say how the client was registered, so another alg is only a warning.
    if (alg !== 'RS256') {
      return warn(
        `the ID token is signed with "${alg}", not the default "RS256" (fine if the client registered "id_token_signed_response_alg")`,
        {
          expected: 'RS256',
          actual: alg,
          exchanges,
        },
      )
    }
    return pass(`"${alg}"${Array.isArray(advertised) ? ', as advertised' : ''}`, { exchanges })
  },
})
