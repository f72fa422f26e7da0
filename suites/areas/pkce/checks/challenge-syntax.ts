/** pkce.challenge-syntax — RFC 7636 §4.2 (the challenge's syntax), §4.4.1. */

import { defineCheck, fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { codeProblem, preferably } from '../../../harness/error-code-rule.js'
import { AUTHORIZATION_INVALID_REQUEST } from '../../../harness/error-code-sentences.js'
import type { PkceScenario } from '../gather/pkce-scenarios.js'
import { actualOf, tokenIssued, worstOf } from './judge.js'

// RFC 7636 names no code for a malformed challenge; RFC 6749 §4.1.2.1's invalid_request ("an
// invalid parameter value") fits best, but the check is a SHOULD: another code warns.
const malformed = preferably('a malformed code_challenge', ['invalid_request'], AUTHORIZATION_INVALID_REQUEST)

function judge(scenario: PkceScenario): Verdict {
  const exchanges = scenario.exchanges
  const what = scenario.label.replace(/^pkce: /, '')
  const { authorization } = scenario
  if (authorization.kind === 'error') {
    const problem = codeProblem(authorization.error, malformed, what)
    if (!problem) return pass(`${what}: refused with "invalid_request"`, { exchanges })
    return {
      kind: problem.kind,
      message: problem.message,
      expected: 'error=invalid_request',
      actual: actualOf(scenario),
      exchanges,
    }
  }
  if (authorization.kind === 'page') return pass(`${what}: refused on an error page`, { exchanges })
  // RFC 6749 §4.1.2.1: a request with "an invalid parameter value" is answered invalid_request.
  // A code issued for a challenge no verifier can match is a late refusal: the client learns of
  // its malformed challenge only from a puzzling invalid_grant (pkce.unknown-method judges alike).
  if (!tokenIssued(scenario.token))
    return warn(
      `${what}: a code was issued (the token endpoint then refused it); the malformed "code_challenge" should be refused at the authorization endpoint`,
      { expected: 'error=invalid_request at the authorization endpoint', actual: actualOf(scenario), exchanges },
    )
  return fail(`${what}: accepted, and the code was redeemed`, {
    expected: 'error=invalid_request at the authorization endpoint, or a refusal at the token endpoint',
    actual: actualOf(scenario),
    exchanges,
  })
}

export default defineCheck({
  id: 'pkce.challenge-syntax',
  title: 'A malformed code_challenge (10 characters, or not base64url) is refused',
  area: 'pkce',
  level: 'SHOULD',
  spec: ['RFC7636-4.2', 'RFC7636-4.4.1'],
  needs: ['pkceChallengeSyntax'],
  errorCodes: [malformed],
  // RFC 7636 §4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))), which is always
  // 43 characters of the base64url alphabet. A server that accepts a standard-base64 challenge and
  // then redeems the code compares with the wrong encoding.
  evaluate: ({ pkceChallengeSyntax }) =>
    worstOf(pkceChallengeSyntax.map(judge), 'every malformed "code_challenge" was refused'),
})
