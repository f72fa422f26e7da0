/**
 * Pure verdict helpers shared by the authorization and state checks. RFC 6749 §4.1.2.1 decides the
 * two shapes: a bad client or redirect URI must never be redirected (an error
 * page passes, wherever it is on the authorization server); an ordinary error may be an error
 * redirect with the right code or an error page, never a code.
 */

import type { Exchange } from '../../../../reports/run-result.js'
import type { AuthorizeResult } from '../../../drivers/driver.js'
import type { FlowAttempt } from '../../../flows/flow-attempt.js'
import { fail, pass, type Verdict, warn } from '../../../harness/check.js'
import { codeProblem, type ErrorCodeRule } from '../../../harness/error-code-rule.js'
import { redactUrl } from '../../../harness/exchange.js'

/** Every exchange of a scenario: the front channel, then the code exchange when there was one. */
export function exchangesOf(flow: FlowAttempt): Exchange[] {
  return [...flow.attempt.result.exchanges, ...(flow.token ? [flow.token.exchange] : [])]
}

/** A short description of where the authorization request ended, codes redacted. */
export function describe(result: AuthorizeResult): string {
  if (result.kind === 'page') return `an error page (HTTP ${result.status})`
  const where = redactUrl(result.url).split(/[?#]/)[0]
  if (result.params.code !== undefined) return `a redirect to ${where} with a code`
  if (result.params.error !== undefined) return `a redirect to ${where} with error=${result.params.error}`
  return `a redirect to ${where} without code or error`
}

/** What a redirect carried, codes redacted, for `actual`. */
export function summary(result: AuthorizeResult): Record<string, unknown> {
  if (result.kind === 'page') return { page: result.url, status: result.status }
  const params = { ...result.params }
  if (params.code !== undefined) params.code = '[REDACTED]'
  return { redirect: redactUrl(result.url), status: result.redirectStatus, mode: result.mode, params }
}

/**
 * RFC 6749 §4.1.2.1: "If the request fails due to a missing, invalid, or mismatching redirection
 * URI, or if the client identifier is missing or invalid, the authorization server SHOULD inform
 * the resource owner of the error and MUST NOT automatically redirect the user-agent to the
 * invalid redirection URI."
 */
export function judgeNoRedirect(flow: FlowAttempt, what: string): Verdict {
  const { result } = flow.attempt
  const exchanges = result.exchanges
  if (result.kind === 'callback') {
    return fail(
      `${what}, yet the authorization server redirected back (${describe(result)}); it MUST NOT automatically redirect the user-agent to the invalid redirection URI`,
      { expected: 'an error page on the authorization server, no redirect', actual: summary(result), exchanges },
    )
  }
  if (result.status >= 500) {
    return warn(
      `${what}: not redirected, but answered HTTP ${result.status} instead of informing the user of the error`,
      {
        expected: 'a 4xx error page',
        actual: summary(result),
        exchanges,
      },
    )
  }
  return pass(`${what}: ${describe(result)}, no redirect`, { exchanges })
}

/**
 * An ordinary error (client and redirect URI valid): RFC 6749 §4.1.2.1 redirects it with one of
 * the §4.1.2.1 codes; an error page is accepted too (docs/verdict-rules.md). A code is always
 * wrong; another error code fails or warns as the check's rule says (suites/harness/error-code-rule.ts).
 */
export function judgeErrorResponse(
  flow: FlowAttempt,
  what: string,
  rule: ErrorCodeRule,
  options: { pageAllowed?: boolean } = {},
): Verdict {
  const { result } = flow.attempt
  const exchanges = exchangesOf(flow)
  const expected = `an error redirect with error=${rule.codes.join(' or ')}${options.pageAllowed === false ? '' : ', or an error page'}; never a code`
  if (result.kind === 'page') {
    if (result.status >= 500)
      return warn(`${what}: answered HTTP ${result.status} instead of an error response`, {
        expected,
        actual: summary(result),
        exchanges,
      })
    if (options.pageAllowed === false)
      return warn(`${what}: an error page instead of an error redirect`, {
        expected,
        actual: summary(result),
        exchanges,
      })
    return pass(`${what}: ${describe(result)}`, { exchanges })
  }
  if (result.params.code !== undefined)
    return fail(`${what}, yet the authorization server issued a code`, { expected, actual: summary(result), exchanges })
  const error = result.params.error
  if (error === undefined)
    return fail(`${what}: redirected back without "error"`, { expected, actual: summary(result), exchanges })
  const problem = codeProblem(error, rule, what)
  if (problem)
    return (problem.kind === 'fail' ? fail : warn)(problem.message, { expected, actual: summary(result), exchanges })
  return pass(`${what}: error=${error}`, { exchanges })
}

/** A variation that must succeed: a code comes back. */
export function judgeSuccess(flow: FlowAttempt, what: string): Verdict {
  const { result } = flow.attempt
  const exchanges = exchangesOf(flow)
  if (result.kind === 'callback' && result.params.code !== undefined)
    return pass(`${what}: a code came back`, { exchanges })
  return fail(`${what} was refused: ${describe(result)}`, {
    expected: 'a redirect with a code',
    actual: summary(result),
    exchanges,
  })
}
