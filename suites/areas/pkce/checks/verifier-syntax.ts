/** pkce.verifier-syntax — RFC 7636 §4.1: code-verifier = 43*128unreserved. */
import { defineCheck } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { judgeTokenRefusal, worstOf } from './judge.js'

// Each verifier came with its own correct S256 challenge, so only the syntax is wrong: a malformed
// request (invalid_request) or a failed proof (invalid_grant) both fit; another code fails.
const malformed = exactly(
  'a code_verifier outside 43*128unreserved',
  ['invalid_request', 'invalid_grant'],
  TOKEN_INVALID_REQUEST,
)

export default defineCheck({
  id: 'pkce.verifier-syntax',
  title: 'code_verifier values of 3, 42 and 129 characters, or with an illegal character, are refused',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.1', 'RFC7636-4.6'],
  needs: ['pkceVerifierSyntax', 'discovery'],
  errorCodes: [malformed],
  coveredBy: { oauch: 'Pkce.ShortVerifierTest (3 characters only)' },
  evaluate: ({ pkceVerifierSyntax, discovery }, { target }) =>
    // RFC 7636 §4.1: "code-verifier = 43*128unreserved", unreserved = ALPHA / DIGIT / "-" / "." /
    // "_" / "~".
    worstOf(
      pkceVerifierSyntax.map((scenario) =>
        judgeTokenRefusal(scenario, {
          rule: malformed,
          what: `a "code_verifier" of ${scenario.label.replace(/^pkce: code_verifier of /, '')}`,
          target,
          discovery,
        }),
      ),
      'every malformed "code_verifier" was refused',
    ),
})
