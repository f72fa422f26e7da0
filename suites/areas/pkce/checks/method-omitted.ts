/** pkce.method-omitted — RFC 7636 §4.3: a missing code_challenge_method means "plain". */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { PKCE_AUTHORIZATION_ERROR } from '../../../harness/error-code-sentences.js'
import { actualOf, notEnforced, tokenIssued } from './judge.js'

// A missing method means "plain" (RFC 7636 §4.3); a server that does not support plain refuses the
// transformation, for which §4.4.1 names invalid_request.
const plainRefused = exactly(
  'a code_challenge without code_challenge_method where plain is not supported',
  'invalid_request',
  PKCE_AUTHORIZATION_ERROR,
)

export default defineCheck({
  id: 'pkce.method-omitted',
  title: 'A code_challenge without code_challenge_method is treated as plain, never as S256',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.3', 'RFC7636-4.4.1'],
  needs: ['pkceMethodOmitted', 'discovery'],
  errorCodes: [plainRefused],
  evaluate: ({ pkceMethodOmitted: scenario, discovery }, { target }) => {
    const exchanges = scenario.exchanges
    const actual = actualOf(scenario)
    const plainAllowed = target.policy.pkce_plain === 'allow'
    const expected = plainAllowed
      ? 'a code, redeemed with code_verifier = code_challenge (plain)'
      : 'an error redirect with error=invalid_request (plain is forbidden)'
    const { authorization } = scenario
    // RFC 7636 §4.3: "code_challenge_method OPTIONAL, defaults to "plain" if not present in the request."
    if (authorization.kind !== 'code') {
      if (plainAllowed) {
        return fail(
          'a "code_challenge" without "code_challenge_method" (which means "plain") was refused, although policy.pkce_plain is "allow"',
          {
            expected,
            actual,
            exchanges,
          },
        )
      }
      if (authorization.kind === 'page')
        return warn(
          'the implied "plain" method was refused, but on an error page instead of an "invalid_request" redirect',
          {
            expected,
            actual,
            exchanges,
          },
        )
      const problem = codeProblem(authorization.error, plainRefused, 'the implied "plain" method')
      if (!problem) return pass('the implied "plain" method was refused with "invalid_request"', { exchanges })
      return { kind: problem.kind, message: problem.message, expected, actual, exchanges }
    }
    if (!tokenIssued(scenario.token)) {
      return fail(
        'a "code_challenge" without "code_challenge_method" was not treated as "plain": code_verifier = code_challenge was refused (a silent S256 default?)',
        {
          expected,
          actual,
          exchanges,
        },
      )
    }
    if (plainAllowed) return pass('the missing method was treated as "plain"', { exchanges })
    return notEnforced(
      'a "code_challenge" without "code_challenge_method" was accepted as "plain", although policy.pkce_plain is "forbid"',
      target,
      discovery,
      {
        expected,
        actual,
        exchanges,
      },
    )
  },
})
