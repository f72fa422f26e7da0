/** pkce.supported — RFC 9700 §2.1.1: "Authorization servers MUST support PKCE [RFC7636]." */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { actualOf, advertisedMethods, notEnforced, tokenIssued } from './judge.js'

export default defineCheck({
  id: 'pkce.supported',
  title: 'The authorization server supports PKCE, and says so in its metadata',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC9700-2.1.1', 'RFC7636-4.2', 'RFC8414-2'],
  needs: ['pkceWrongVerifier', 'discovery'],
  coveredBy: { oauch: 'Pkce.IsPkceImplementedTest; DocumentSupport.RFC7636SupportedTest' },
  evaluate: ({ pkceWrongVerifier: scenario, discovery }, { target }) => {
    const methods = advertisedMethods(discovery)
    const exchanges = [...(discovery.exchange ? [discovery.exchange] : []), ...scenario.exchanges]
    // Support is judged on behaviour: a server that redeems a code with a wrong verifier ignores PKCE.
    if (tokenIssued(scenario.token)) {
      return notEnforced(
        'the server ignores PKCE: a code requested with an S256 challenge was redeemed with a wrong "code_verifier"',
        target,
        discovery,
        {
          expected: 'the wrong verifier refused',
          actual: actualOf(scenario),
          exchanges,
        },
      )
    }
    // RFC 7636 §4.2: S256 "is Mandatory To Implement (MTI) on the server".
    if (methods && !methods.includes('S256')) {
      return fail('"code_challenge_methods_supported" does not list "S256", which is mandatory to implement', {
        expected: 'S256 listed',
        actual: methods,
        exchanges,
      })
    }
    // RFC 9700 §2.1.1: "Authorization servers MUST provide a way to detect their support for PKCE.
    // It is RECOMMENDED for authorization servers to publish the element
    // code_challenge_methods_supported in their Authorization Server Metadata".
    if (!methods && discovery.exchange) {
      return warn(
        'PKCE is enforced, but the metadata does not publish "code_challenge_methods_supported" (RECOMMENDED)',
        {
          expected: '"code_challenge_methods_supported": ["S256"]',
          actual: undefined,
          exchanges,
        },
      )
    }
    return pass(`PKCE is enforced${methods ? ` and advertised (${methods.join(', ')})` : ''}`, { exchanges })
  },
})
