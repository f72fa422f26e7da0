/**
 * Shared judgement for the PKCE checks (pure): was a token issued, which error came back, and
 * how strict to be under the target's profile.
 *
 * Profile "rfc9700" (default): RFC 9700 §2.1.1 — "Authorization servers MUST support PKCE" and
 * "MUST enforce" it — so a server that ignores PKCE fails. Profile "rfc6749": PKCE is an extension
 * the server may not implement, so ignoring it is only reported — unless the server advertises
 * `code_challenge_methods_supported`, since a server that claims RFC 7636 is bound by its MUSTs.
 */

import type { DiscoveryEvidence } from '../../../flows/discover.js'
import { fail, info, pass, type Verdict } from '../../../harness/check.js'
import { codeProblem, type ErrorCodeRule, quoteCodes } from '../../../harness/error-code-rule.js'
import type { TargetFile } from '../../../harness/target.js'
import type { PkceScenario, TokenAttempt } from '../gather/pkce-scenarios.js'

export function tokenIssued(token: TokenAttempt | undefined): boolean {
  return (
    token !== undefined && token.status >= 200 && token.status < 300 && typeof token.body?.access_token === 'string'
  )
}

export function tokenError(token: TokenAttempt | undefined): string | undefined {
  return typeof token?.body?.error === 'string' ? token.body.error : undefined
}

/** The methods the server advertises (RFC 8414 §2 code_challenge_methods_supported), if any. */
export function advertisedMethods(discovery: DiscoveryEvidence): string[] | undefined {
  const methods = discovery.metadata?.code_challenge_methods_supported
  return Array.isArray(methods) ? methods.filter((m): m is string => typeof m === 'string') : undefined
}

/** True when PKCE enforcement is a MUST for this target. */
export function enforcementRequired(target: TargetFile, discovery: DiscoveryEvidence): boolean {
  return target.policy.profile === 'rfc9700' || (advertisedMethods(discovery)?.length ?? 0) > 0
}

/** A failure when enforcement is required, otherwise an informational note saying why it is tolerated. */
export function notEnforced(
  message: string,
  target: TargetFile,
  discovery: DiscoveryEvidence,
  finding: Parameters<typeof fail>[1],
): Verdict {
  if (enforcementRequired(target, discovery)) return fail(message, finding)
  return info(
    `${message} — tolerated under the "rfc6749" profile because the server does not advertise PKCE (set policy.profile to "rfc9700" to require it)`,
    finding,
  )
}

export function describeAuthorization(scenario: PkceScenario): string {
  const { authorization } = scenario
  switch (authorization.kind) {
    case 'code':
      return 'a code'
    case 'error':
      return `error=${authorization.error}`
    case 'page':
      return `an error page (HTTP ${authorization.status})`
  }
}

export function describeToken(token: TokenAttempt | undefined): string {
  if (!token) return 'no token request'
  if (tokenIssued(token)) return `HTTP ${token.status} with an access token`
  return `HTTP ${token.status}${tokenError(token) ? ` error=${tokenError(token)}` : ''}`
}

/** What the server did, as data for a verdict's `actual`. */
export function actualOf(scenario: PkceScenario): Record<string, unknown> {
  return {
    sent: scenario.sent,
    authorization: describeAuthorization(scenario),
    ...(scenario.token ? { token: describeToken(scenario.token) } : {}),
  }
}

/**
 * The token request had to be refused: a token is a failure (or a note under the rfc6749
 * profile). A server that refuses implements PKCE and is bound by RFC 6749 §5.2: a refusal that is
 * not a JSON error, or not 400, fails; another code fails or warns as the check's rule says.
 */
export function judgeTokenRefusal(
  scenario: PkceScenario,
  options: { rule: ErrorCodeRule; what: string; target: TargetFile; discovery: DiscoveryEvidence },
): Verdict {
  const { token } = scenario
  const exchanges = scenario.exchanges
  const expected = `HTTP 400 error=${options.rule.codes.join(' or ')}`
  if (tokenIssued(token)) {
    return notEnforced(
      `${options.what} was accepted: the token endpoint issued tokens`,
      options.target,
      options.discovery,
      {
        expected,
        actual: actualOf(scenario),
        exchanges,
      },
    )
  }
  const error = tokenError(token)
  // RFC 6749 §5.2: the error response carries "error" (REQUIRED) in an application/json body.
  if (!error) {
    return fail(
      `${options.what} was refused, but without a JSON "error" member (RFC 6749 §5.2) instead of ${quoteCodes(options.rule.codes)}`,
      { expected, actual: actualOf(scenario), exchanges },
    )
  }
  const problem = codeProblem(error, options.rule, options.what)
  if (problem) {
    return { kind: problem.kind, message: problem.message, expected, actual: actualOf(scenario), exchanges }
  }
  if (token?.status !== 400) {
    // RFC 6749 §5.2: "The authorization server responds with an HTTP 400 (Bad Request) status code".
    return fail(`${options.what} was refused with "${error}" but HTTP ${token?.status}, not 400 (RFC 6749 §5.2)`, {
      expected,
      actual: actualOf(scenario),
      exchanges,
    })
  }
  return pass(`${options.what} was refused with "${error}"`, { exchanges })
}

const RANK: Record<Verdict['kind'], number> = { skip: 0, pass: 1, info: 2, warn: 3, fail: 4 }

/** Several sub-verdicts as one: the worst kind wins, with the messages and evidence of those of that kind. */
export function worstOf(verdicts: Verdict[], passMessage: string): Verdict {
  const judged = verdicts.filter((verdict) => verdict.kind !== 'skip')
  if (judged.length === 0) return verdicts[0] ?? pass(passMessage)
  const worstKind = judged.reduce(
    (kind, verdict) => (RANK[verdict.kind] > RANK[kind] ? verdict.kind : kind),
    judged[0]!.kind,
  )
  const worst = judged.filter((verdict) => verdict.kind === worstKind) as Array<Exclude<Verdict, { kind: 'skip' }>>
  const exchanges = worst.flatMap((verdict) => verdict.exchanges ?? [])
  if (worstKind === 'pass') return pass(passMessage, { exchanges })
  return {
    kind: worstKind,
    message: worst.map((verdict) => verdict.message).join('; '),
    ...(worst.some((v) => v.expected !== undefined) ? { expected: worst.map((verdict) => verdict.expected) } : {}),
    ...(worst.some((v) => v.actual !== undefined) ? { actual: worst.map((verdict) => verdict.actual) } : {}),
    exchanges,
  } as Verdict
}
