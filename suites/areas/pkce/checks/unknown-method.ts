/** pkce.unknown-method — RFC 7636 §4.4.1. */
import { defineCheck, pass, warn } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { PKCE_AUTHORIZATION_ERROR } from '../../../harness/error-code-sentences.js'
import { actualOf, notEnforced, tokenIssued } from './judge.js'

const unsupported = exactly(
  'code_challenge_method=S512, which the server does not support',
  'invalid_request',
  PKCE_AUTHORIZATION_ERROR,
)

export default defineCheck({
  id: 'pkce.unknown-method',
  title: 'An unsupported code_challenge_method is refused with invalid_request',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.4.1'],
  needs: ['pkceUnknownMethod', 'discovery'],
  errorCodes: [unsupported],
  evaluate: ({ pkceUnknownMethod: scenario, discovery }, { target }) => {
    const exchanges = scenario.exchanges
    const actual = actualOf(scenario)
    const expected = 'an error redirect with error=invalid_request'
    const { authorization } = scenario
    // RFC 7636 §4.4.1: "If the server supporting PKCE does not support the requested
    // transformation, the authorization endpoint MUST return the authorization error response
    // with "error" value set to "invalid_request"."
    if (authorization.kind === 'error') {
      const problem = codeProblem(authorization.error, unsupported, '"code_challenge_method" "S512"')
      if (!problem) return pass('"code_challenge_method" "S512" was refused with "invalid_request"', { exchanges })
      return { kind: problem.kind, message: problem.message, expected, actual, exchanges }
    }
    if (authorization.kind === 'page') {
      return warn(
        '"code_challenge_method" "S512" was refused on an error page instead of an "invalid_request" redirect',
        {
          expected,
          actual,
          exchanges,
        },
      )
    }
    // Judged on the effect: a code that cannot be redeemed is a late refusal (a warning); tokens
    // for a method the server cannot verify mean the challenge was ignored or guessed.
    if (!tokenIssued(scenario.token))
      return warn(
        'a code was issued for the unsupported "code_challenge_method" "S512" (the token request then failed); it should be refused at the authorization endpoint',
        {
          expected,
          actual,
          exchanges,
        },
      )
    return notEnforced('tokens were issued for the unsupported "code_challenge_method" "S512"', target, discovery, {
      expected,
      actual,
      exchanges,
    })
  },
})
