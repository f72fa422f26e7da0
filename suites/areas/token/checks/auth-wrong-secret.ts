import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_CLIENT } from '../../../harness/error-code-sentences.js'
import { judgeRejections } from './token-errors.js'

// RFC 6749 §5.2: a wrong secret is "Client authentication failed": invalid_client only.
const wrongSecret = exactly('a wrong client secret', 'invalid_client', TOKEN_INVALID_CLIENT)

export default defineCheck({
  id: 'token.auth-wrong-secret',
  title: 'A wrong client secret (Basic or post) is refused with invalid_client',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC6749-2.3.1'],
  needs: ['tokenClientAuth'],
  errorCodes: [wrongSecret],
  evaluate: ({ tokenClientAuth }) => {
    const { wrongSecretBasic, wrongSecretPost } = tokenClientAuth
    if (!wrongSecretBasic && !wrongSecretPost)
      return skip('the target file has no confidential client to try a wrong secret with')
    // RFC 6749 §5.2: invalid_client "Client authentication failed"; "If the client attempted to
    // authenticate via the "Authorization" request header field, the authorization server MUST
    // respond with an HTTP 401 (Unauthorized) status code".
    return judgeRejections([
      {
        call: wrongSecretBasic?.call,
        expectation: {
          what: `a wrong secret with HTTP Basic for "${wrongSecretBasic?.client}"`,
          rule: wrongSecret,
          statuses: [401],
        },
      },
      {
        call: wrongSecretPost?.call,
        expectation: {
          what: `a wrong client_secret in the body for "${wrongSecretPost?.client}"`,
          rule: wrongSecret,
        },
      },
    ])
  },
})
