/** rev.unsupported-token-type — RFC 7009 §2.1, §2.2.1: an unknown token_type_hint (reported). */
import { defineCheck, info, pass } from '../../../harness/check.js'

export default defineCheck({
  id: 'rev.unsupported-token-type',
  title: 'An unknown token_type_hint is ignored (or refused with unsupported_token_type)',
  area: 'revocation',
  level: 'MAY',
  spec: ['RFC7009-2.1', 'RFC7009-2.2.1'],
  needs: ['revocation'],
  evaluate: ({ revocation }) => {
    const answer = revocation.unknownHint
    const exchanges = [answer.exchange]
    // RFC 7009 §2.1: "An invalid token type hint value is ignored by the authorization server and
    // does not influence the revocation response." §2.2.1: unsupported_token_type — "The
    // authorization server does not support the revocation of the presented token type."
    if (answer.status === 200) return pass('the unknown "token_type_hint" was ignored', { exchanges })
    if (answer.body?.error === 'unsupported_token_type') {
      return info('the unknown "token_type_hint" was refused with "unsupported_token_type"', { exchanges })
    }
    return info(`the unknown "token_type_hint" was answered with HTTP ${answer.status}, not ignored`, {
      expected: '200 (hint ignored) or unsupported_token_type',
      actual: { status: answer.status, error: answer.body?.error },
      exchanges,
    })
  },
})
