/** intr.hint-independent — RFC 7662 §2.1: token_type_hint only speeds up the lookup. */

import type { CallResult } from '../../../flows/token-calls.js'
import { defineCheck, fail, pass, type Verdict } from '../../../harness/check.js'
import { worstOf } from '../../refresh/checks/expect-error.js'

function same(reference: CallResult, other: CallResult, what: string): Verdict {
  const exchanges = [reference.exchange, other.exchange]
  // RFC 7662 §2.1: "If the server is unable to locate the token using the given hint, it MUST extend
  // its search across all of its supported token types."
  return reference.body?.active === other.body?.active && other.status === 200
    ? pass(undefined, { exchanges })
    : fail(`${what} changes the answer`, {
        expected: { active: reference.body?.active },
        actual: { status: other.status, active: other.body?.active },
        exchanges,
      })
}

export default defineCheck({
  id: 'intr.hint-independent',
  title: 'Introspection gives the same answer whatever the token_type_hint',
  area: 'introspection',
  level: 'MUST',
  spec: ['RFC7662-2.1'],
  needs: ['introspection'],
  evaluate: ({ introspection }) => {
    const { hints, active } = introspection
    const verdicts = [
      same(active, hints.accessTokenNoHint, 'leaving out token_type_hint for an access token'),
      same(active, hints.accessTokenWrongHint, 'an access token sent with token_type_hint=refresh_token'),
    ]
    if (hints.refreshToken) {
      verdicts.push(
        same(
          hints.refreshToken.rightHint,
          hints.refreshToken.wrongHint,
          'a refresh token sent with token_type_hint=access_token',
        ),
      )
    }
    return worstOf(verdicts)
  },
})
