/** pkce.s256 — RFC 7636 §4.2 (S256 is mandatory to implement on the server), §4.6. */
import { defineCheck, fail, pass, skip } from '../../harness/check.js'

export default defineCheck({
  id: 'pkce.s256',
  title: 'A code requested with an S256 challenge is redeemed with the matching verifier',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.2', 'RFC7636-4.6', 'RFC9700-2.1.1'],
  needs: ['happyFlow'],
  coveredBy: {
    oidf: 'oidcc-ensure-request-with-valid-pkce-succeeds (SetupPkceAndAddToAuthorizationRequest, AddCodeVerifierToTokenEndpointRequest)',
    oauch: 'Pkce.HashedPkceDisabledTest; Features.CodeFlowSupportedTest',
  },
  evaluate: ({ happyFlow }) => {
    const { params } = happyFlow.attempt.request
    if (params.code_challenge_method !== 'S256') return skip('the happy flow did not use an S256 challenge')
    const exchanges = [happyFlow.token.exchange]
    // RFC 7636 §4.2: "If the client is capable of using "S256", it MUST use "S256", as "S256" is
    // Mandatory To Implement (MTI) on the server."
    if (happyFlow.token.status !== 200 || typeof happyFlow.token.body?.access_token !== 'string') {
      return fail('the code requested with "code_challenge_method" "S256" was not redeemed with its "code_verifier"', {
        expected: 200,
        actual: happyFlow.token.status,
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
