/** rev.invalid-token-200 — RFC 7009 §2.2: an invalid token is answered 200. */
import { defineCheck, fail, pass } from '../../../harness/check.js'

export default defineCheck({
  id: 'rev.invalid-token-200',
  title: 'Revoking a token the server never issued is answered 200',
  area: 'revocation',
  level: 'MUST',
  spec: ['RFC7009-2.2'],
  needs: ['revocation'],
  evaluate: ({ revocation }) => {
    const answer = revocation.invalidToken
    const exchanges = [answer.exchange]
    // RFC 7009 §2.2: "Note: invalid tokens do not cause an error response since the client cannot
    // handle such an error in a reasonable way."
    if (answer.status !== 200) {
      return fail(`revoking an unknown token was answered with HTTP ${answer.status}`, {
        expected: 200,
        actual: { status: answer.status, error: answer.body?.error },
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
