import { defineCheck, fail, pass } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_CLIENT } from '../../../harness/error-code-sentences.js'
import { describeCall, judgeRejection, tokensIssued } from './token-errors.js'

// §5.2 names invalid_client for an "unsupported authentication method". The check is a SHOULD
// (honouring the registration is the server's policy), so even a failure is reported as a warning.
const unregistered = exactly(
  'the correct secret with a method the client did not register',
  'invalid_client',
  TOKEN_INVALID_CLIENT,
)

export default defineCheck({
  id: 'token.auth-method-registered',
  title: 'A client that authenticates with a method other than the one it registered is refused',
  area: 'token',
  level: 'SHOULD',
  spec: ['OIDCC-9'],
  needs: ['tokenClientAuth'],
  errorCodes: [unregistered],
  dependsOnSetup:
    'the authentication method the target file declares for the client (token_endpoint_auth_method): the other of client_secret_basic and client_secret_post is tried',
  evaluate: ({ tokenClientAuth }) => {
    const call = tokenClientAuth.unregisteredMethod
    const exchanges = [call.exchange]
    const other = tokenClientAuth.method === 'client_secret_basic' ? 'client_secret_post' : 'client_secret_basic'
    // RFC 7591 §2: token_endpoint_auth_method is the "requested authentication method for the token
    // endpoint"; OIDC Core §9 lists the methods a client registers. Honouring any other method
    // weakens that registration.
    if (tokensIssued(call))
      return fail(`"${tokenClientAuth.client}" registered ${tokenClientAuth.method} but was accepted with ${other}`, {
        expected: 'error="invalid_client"',
        actual: describeCall(call),
        exchanges,
      })
    const verdict = judgeRejection(call, {
      what: `${other} for a ${tokenClientAuth.method} client`,
      rule: unregistered,
    })
    return verdict.kind === 'pass' ? pass(undefined, { actual: describeCall(call), exchanges }) : verdict
  },
})
