import { defineCheck, fail, pass } from '../../../harness/check.js'
import { preferably } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import { describeCall, judgeRejection, tokensIssued } from './token-errors.js'

// §5.2 names invalid_request for a request that "utilizes more than one mechanism for
// authenticating the client"; refusing it as failed authentication (invalid_client) is defensible
// too, and the refusal itself is only the server's policy (a SHOULD), so another code warns.
const twoMethods = preferably(
  'HTTP Basic and client_secret in the body at once',
  ['invalid_request', 'invalid_client'],
  TOKEN_INVALID_REQUEST,
)

export default defineCheck({
  id: 'token.auth-multiple-methods',
  title: 'A request that authenticates with Basic and a body secret at once is refused',
  area: 'token',
  level: 'SHOULD',
  spec: ['RFC6749-2.3'],
  needs: ['tokenClientAuth'],
  errorCodes: [twoMethods],
  evaluate: ({ tokenClientAuth }) => {
    const call = tokenClientAuth.multipleMethods
    const exchanges = [call.exchange]
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
    // The sentence binds the client; refusing such a request is the server's policy (catalog:
    // MAY-policy, SHOULD reject), so acceptance is a warning.
    if (tokensIssued(call))
      return fail('the server accepted a request authenticated with HTTP Basic and client_secret in the body', {
        expected: 'error="invalid_request"',
        actual: describeCall(call),
        exchanges,
      })
    const verdict = judgeRejection(call, { what: 'two authentication methods at once', rule: twoMethods })
    return verdict.kind === 'pass' ? pass(undefined, { actual: describeCall(call), exchanges }) : verdict
  },
})
