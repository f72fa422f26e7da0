/** intr.after-code-reuse — RFC 6749 §4.1.2, §10.5; RFC 7662 §2.2: tokens of a replayed code become inactive. */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'intr.after-code-reuse',
  title: 'After a code is replayed, the access token it produced introspects as inactive',
  area: 'introspection',
  level: 'SHOULD',
  spec: ['RFC6749-4.1.2', 'RFC6749-10.5', 'RFC7662-2.2'],
  needs: ['introspection'],
  evaluate: ({ introspection }) => {
    const { replay, introspection: answer } = introspection.afterCodeReuse
    const exchanges = [replay.exchange, answer.exchange]
    if (replay.status === 200) return skip('the replayed code was accepted (see the code.* checks)')
    // RFC 6749 §4.1.2: "If an authorization code is used more than once, the authorization server
    // MUST deny the request and SHOULD revoke (when possible) all tokens previously issued based on
    // that authorization code."
    if (answer.body?.active !== false) {
      return fail('the access token of a replayed code is still reported active', {
        expected: { active: false },
        actual: { status: answer.status, active: answer.body?.active },
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
