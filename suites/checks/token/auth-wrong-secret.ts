import { defineCheck, skip } from '../../harness/check.js'
import { judgeRejections } from './token-errors.js'

export default defineCheck({
  id: 'token.auth-wrong-secret',
  title: 'A wrong client secret (Basic or post) is refused with invalid_client',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-5.2', 'RFC6749-2.3.1'],
  needs: ['tokenClientAuth'],
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
          accepted: ['invalid_client'],
          statuses: [401],
        },
      },
      {
        call: wrongSecretPost?.call,
        expectation: {
          what: `a wrong client_secret in the body for "${wrongSecretPost?.client}"`,
          accepted: ['invalid_client'],
        },
      },
    ])
  },
})
