/**
 * pkce.plain-policy — RFC 7636 §4.2, §4.4.1; RFC 9700 §2.1.1. Whether `plain` must be refused is
 * the target's policy (`policy.pkce_plain`, default "forbid"), so the level is MUST against that
 * policy.
 */
import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { PKCE_AUTHORIZATION_ERROR } from '../../../harness/error-code-sentences.js'
import { actualOf, tokenIssued } from './judge.js'

const plainUnsupported = exactly(
  'code_challenge_method=plain where the policy forbids it',
  'invalid_request',
  PKCE_AUTHORIZATION_ERROR,
)

export default defineCheck({
  id: 'pkce.plain-policy',
  title: 'code_challenge_method=plain is refused or honoured as policy.pkce_plain says',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC7636-4.2', 'RFC7636-4.4.1', 'RFC9700-2.1.1'],
  needs: ['pkcePlain'],
  errorCodes: [plainUnsupported],
  coveredBy: {
    oidf: 'OIDF-FAPI2: fapi2-…-par-plain-pkce-rejected (EnsureInvalidRequestError)',
    oauch: 'Features.PlainPkceTest; Pkce.PlainPkceDisabledTest',
  },
  evaluate: ({ pkcePlain: scenario }, { target }) => {
    const exchanges = scenario.exchanges
    const actual = actualOf(scenario)
    const { authorization } = scenario
    if (target.policy.pkce_plain === 'allow') {
      // RFC 7636 §4.2: plain: code_challenge = code_verifier.
      if (tokenIssued(scenario.token))
        return pass('"plain" PKCE works, as policy.pkce_plain "allow" says', { exchanges })
      return fail('"code_challenge_method" "plain" did not work, although policy.pkce_plain is "allow"', {
        expected: 'a code, redeemed with code_verifier = code_challenge',
        actual,
        exchanges,
      })
    }
    // RFC 7636 §4.4.1: "If the server supporting PKCE does not support the requested
    // transformation, the authorization endpoint MUST return the authorization error response
    // with "error" value set to "invalid_request"."
    const expected = 'an error redirect with error=invalid_request'
    if (authorization.kind === 'error') {
      const problem = codeProblem(authorization.error, plainUnsupported, '"plain"')
      if (!problem) return pass('"plain" was refused with "invalid_request"', { exchanges })
      return { kind: problem.kind, message: problem.message, expected, actual, exchanges }
    }
    if (authorization.kind === 'page') {
      return warn('"plain" was refused on an error page instead of an error redirect with "invalid_request"', {
        expected,
        actual,
        exchanges,
      })
    }
    if (tokenIssued(scenario.token)) {
      return fail('"code_challenge_method" "plain" was accepted, although policy.pkce_plain is "forbid"', {
        expected,
        actual,
        exchanges,
      })
    }
    return warn(
      'a code was issued for "plain" (the token request then failed): "plain" should be refused at the authorization endpoint',
      {
        expected,
        actual,
        exchanges,
      },
    )
  },
})
