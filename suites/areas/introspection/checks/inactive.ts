/** intr.inactive — RFC 7662 §2.2, §4: bogus, revoked and rotated-out tokens are {"active": false} and nothing else. */

import type { CallResult } from '../../../flows/token-calls.js'
import { defineCheck, fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { worstOf } from '../../refresh/checks/expect-error.js'

function judge(answer: CallResult, what: string): Verdict {
  const exchanges = [answer.exchange]
  if (answer.status !== 200 || !answer.body) {
    return fail(`introspecting ${what} was answered with HTTP ${answer.status}, not a JSON object`, {
      expected: { status: 200, body: { active: false } },
      actual: { status: answer.status, body: answer.text.slice(0, 200) },
      exchanges,
    })
  }
  // RFC 7662 §2.2: "If the introspection call is properly authorized but the token is not active,
  // does not exist on this server, or the protected resource is not allowed to introspect this
  // particular token, then the authorization server MUST return an introspection response with the
  // "active" field set to "false"."
  if (answer.body.active !== false) {
    return fail(`${what} is not reported "active": false`, { expected: false, actual: answer.body.active, exchanges })
  }
  // RFC 7662 §2.2: "the authorization server SHOULD NOT include any additional information about an
  // inactive token, including why the token is inactive."
  const extra = Object.keys(answer.body).filter((name) => name !== 'active')
  if (extra.length > 0) {
    return warn(`the answer for ${what} carries more than "active": false`, {
      expected: ['active'],
      actual: extra,
      exchanges,
    })
  }
  return pass(undefined, { exchanges })
}

export default defineCheck({
  id: 'intr.inactive',
  title: 'Bogus, revoked and rotated-out tokens introspect as {"active": false} and nothing else',
  area: 'introspection',
  level: 'MUST',
  spec: ['RFC7662-2.2', 'RFC7662-4'],
  needs: ['introspection'],
  evaluate: ({ introspection }) => {
    const { bogus, revoked, rotatedOut } = introspection.inactive
    return worstOf([
      judge(bogus, 'a token the server never issued'),
      ...(revoked ? [judge(revoked, 'a revoked token')] : []),
      ...(rotatedOut ? [judge(rotatedOut, 'a rotated-out refresh token')] : []),
    ])
  },
})
