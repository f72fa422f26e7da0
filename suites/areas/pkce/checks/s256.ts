/** pkce.s256 — RFC 7636 §4.2 (S256 is mandatory to implement on the server), §4.6. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { actualOf, tokenIssued } from './judge.js'

export default defineCheck({
  id: 'pkce.s256',
  title: 'A code requested with an S256 challenge is redeemed with the matching verifier',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.2', 'RFC7636-4.6', 'RFC9700-2.1.1'],
  needs: ['pkceS256'],
  coveredBy: {
    oidf: 'oidcc-ensure-request-with-valid-pkce-succeeds (SetupPkceAndAddToAuthorizationRequest, AddCodeVerifierToTokenEndpointRequest)',
    oauch: 'Pkce.HashedPkceDisabledTest; Features.CodeFlowSupportedTest',
  },
  evaluate: ({ pkceS256: scenario }) => {
    const exchanges = scenario.exchanges
    // RFC 7636 §4.2: "If the client is capable of using "S256", it MUST use "S256", as "S256" is
    // Mandatory To Implement (MTI) on the server." §4.6: the server computes
    // BASE64URL-ENCODE(SHA256(ASCII(code_verifier))) and compares it with the code_challenge.
    if (!tokenIssued(scenario.token)) {
      return fail('the code requested with "code_challenge_method" "S256" was not redeemed with its "code_verifier"', {
        expected: 'HTTP 200 with tokens',
        actual: actualOf(scenario),
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
