/**
 * pkce.required-policy — RFC 9700 §2.1.1; RFC 7636 §4.4.1. Public clients: MUST (profile
 * "rfc9700"); confidential clients: reported, unless policy.require_pkce_for_confidential.
 */

import { defineCheck, fail, info, pass, type Verdict, warn } from '../../../harness/check.js'
import { codeProblem, exactly } from '../../../harness/error-code-rule.js'
import { PKCE_AUTHORIZATION_ERROR } from '../../../harness/error-code-sentences.js'
import type { PkceScenario } from '../gather/pkce-scenarios.js'
import { actualOf, notEnforced, tokenIssued, worstOf } from './judge.js'

const required = exactly(
  'a request without code_challenge where PKCE is required',
  'invalid_request',
  PKCE_AUTHORIZATION_ERROR,
)

function refusal(scenario: PkceScenario, who: string): Verdict | undefined {
  const exchanges = scenario.exchanges
  const { authorization } = scenario
  if (authorization.kind === 'error') {
    // RFC 7636 §4.4.1: "the authorization endpoint MUST return the authorization error response
    // with the "error" value set to "invalid_request"".
    const problem = codeProblem(authorization.error, required, `${who}: a request without "code_challenge"`)
    if (!problem)
      return pass(`${who}: a request without "code_challenge" was refused with "invalid_request"`, { exchanges })
    return {
      kind: problem.kind,
      message: problem.message,
      expected: 'error=invalid_request',
      actual: actualOf(scenario),
      exchanges,
    }
  }
  if (authorization.kind === 'page')
    return warn(
      `${who}: a request without "code_challenge" was refused on an error page instead of an "invalid_request" redirect`,
      {
        expected: 'error=invalid_request',
        actual: actualOf(scenario),
        exchanges,
      },
    )
  if (!tokenIssued(scenario.token))
    return pass(`${who}: the code obtained without PKCE was not redeemed`, { exchanges })
  return undefined
}

export default defineCheck({
  id: 'pkce.required-policy',
  title: 'PKCE is required of public clients (and of confidential ones when the policy says so)',
  area: 'pkce',
  level: 'MUST',
  spec: ['RFC9700-2.1.1', 'RFC7636-4.4.1'],
  needs: ['pkceWithoutChallenge', 'discovery'],
  errorCodes: [required],
  dependsOnSetup:
    'the client type: a public client must be refused without PKCE (RFC 9700 §2.1.1); for a confidential client it is reported, unless policy.require_pkce_for_confidential is true — each finding names the client and its type',
  coveredBy: { oidf: 'OIDF-FAPI2: fapi2-…-par-ensure-pkce-required', oauch: 'Pkce.IsPkceRequiredTest' },
  evaluate: ({ pkceWithoutChallenge: evidence, discovery }, { target }) => {
    const verdicts: Verdict[] = []
    // RFC 9700 §2.1.1: "using code_challenge and code_verifier is REQUIRED for clients, and
    // authorization servers MUST enforce their use, unless both of the following criteria are
    // met: The client is a confidential client. [...]"
    const publicScenario = evidence.confidentialIsConfidential ? evidence.public : evidence.confidential
    if (publicScenario) {
      verdicts.push(
        refusal(publicScenario, `public client "${publicScenario.clientId}"`) ??
          notEnforced(`public client "${publicScenario.clientId}" obtained tokens without PKCE`, target, discovery, {
            expected: 'error=invalid_request at the authorization endpoint',
            actual: actualOf(publicScenario),
            exchanges: publicScenario.exchanges,
          }),
      )
    }
    if (evidence.confidentialIsConfidential) {
      const scenario = evidence.confidential
      const who = `confidential client "${scenario.clientId}"`
      const refused = refusal(scenario, who)
      if (target.policy.require_pkce_for_confidential) {
        verdicts.push(
          refused ??
            fail(`${who} obtained tokens without PKCE, although policy.require_pkce_for_confidential is true`, {
              expected: 'error=invalid_request at the authorization endpoint',
              actual: actualOf(scenario),
              exchanges: scenario.exchanges,
            }),
        )
      } else {
        verdicts.push(
          refused && refused.kind !== 'pass'
            ? refused
            : info(
                refused
                  ? `${who}: PKCE is required of confidential clients too`
                  : `${who}: PKCE is optional for confidential clients (allowed by RFC 9700 §2.1.1 when the client uses the OpenID Connect nonce)`,
                { exchanges: scenario.exchanges },
              ),
        )
      }
    }
    const verdict = worstOf(verdicts, 'PKCE is required as the policy says')
    if (!publicScenario && evidence.publicUnavailable && verdict.kind !== 'skip' && verdict.message !== undefined)
      return {
        ...verdict,
        message: `${verdict.message} (public clients not checked: ${evidence.publicUnavailable})`,
      } as Verdict
    return verdict
  },
})
