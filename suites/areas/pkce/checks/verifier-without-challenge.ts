/** pkce.verifier-without-challenge — RFC 9700 §2.1.1, §4.8.2 (PKCE downgrade). */
import { defineCheck, pass, warn } from '../../../harness/check.js'
import { preferably } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_GRANT } from '../../../harness/error-code-sentences.js'
import { actualOf, judgeTokenRefusal } from './judge.js'

// RFC 9700 §2.1.1 names no code: a verifier nobody asked for is an unexpected parameter
// (invalid_request) or a proof that cannot bind (invalid_grant); another code warns.
const unexpected = preferably(
  'a code_verifier for a code requested without code_challenge',
  ['invalid_grant', 'invalid_request'],
  TOKEN_INVALID_GRANT,
)

export default defineCheck({
  id: 'pkce.verifier-without-challenge',
  title: 'A code_verifier is refused for a code requested without a code_challenge',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC9700-2.1.1', 'RFC9700-4.8.2'],
  needs: ['pkceVerifierWithoutChallenge', 'discovery'],
  errorCodes: [unexpected],
  coveredBy: { oauch: 'Pkce.IsPkceDowngradeDetectedTest' },
  evaluate: ({ pkceVerifierWithoutChallenge: scenario, discovery }, { target }) => {
    const exchanges = scenario.exchanges
    if (scenario.authorization.kind === 'error') {
      // The server requires PKCE of this client: the downgrade cannot start.
      return pass(`the authorization request without "code_challenge" was refused (${scenario.authorization.error})`, {
        exchanges,
      })
    }
    if (scenario.authorization.kind === 'page') {
      return warn(
        'the authorization request without "code_challenge" stopped on an error page instead of redirecting',
        {
          actual: actualOf(scenario),
          exchanges,
        },
      )
    }
    // RFC 9700 §2.1.1: authorization servers "MUST mitigate PKCE Downgrade Attacks by ensuring that
    // a token request containing a code_verifier parameter is accepted only if a code_challenge
    // parameter was present in the authorization request".
    return judgeTokenRefusal(scenario, {
      rule: unexpected,
      what: 'a "code_verifier" for a code requested without "code_challenge"',
      target,
      discovery,
    })
  },
})
