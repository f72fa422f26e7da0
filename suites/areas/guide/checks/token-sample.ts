/**
 * guide.token-sample — the guide's token request (Basic auth, form body) succeeds with the members
 * of its sample response; the same request labelled `application/json`, as the guide writes it,
 * is reported, never failed (the guide; RFC 6749 §4.1.3, §5.1; OIDC Core §3.1.3.3).
 */

import type { CallResult } from '../../../flows/token-calls.js'
import { defineCheck, fail, info, skip } from '../../../harness/check.js'

export function describeJsonLabelled(result: CallResult | undefined, skipped: string | undefined): string {
  if (!result) return `not sent (${skipped ?? 'no code'})`
  if (result.status === 200 && typeof result.body?.access_token === 'string') return 'accepted (tokens issued)'
  const error = typeof result.body?.error === 'string' ? `, error=${result.body.error}` : ''
  return `refused (HTTP ${result.status}${error})`
}

export default defineCheck({
  id: 'guide.token-sample',
  title: "The guide's sample token request succeeds with the sample response's members",
  area: 'guide',
  level: 'MUST',
  spec: ['GUIDE', 'RFC6749-4.1.3', 'RFC6749-5.1', 'OIDCC-3.1.3.3'],
  needs: ['guideSamples'],
  evaluate: ({ guideSamples: e }) => {
    if (!e.token) return skip(e.tokenSkipped ?? 'the token sample did not run')
    const exchanges = [e.token.exchange, ...(e.tokenJsonLabelled ? [e.tokenJsonLabelled.exchange] : [])]
    const body = e.token.body
    if (e.token.status !== 200 || !body)
      return fail(`the sample token request, correctly form-urlencoded, answered HTTP ${e.token.status}`, {
        expected: 200,
        actual: e.token.text.slice(0, 300),
        exchanges,
      })
    // The sample response: access_token, token_type "Bearer", refresh_token, expires_in, id_token
    // (RFC 6749 §5.1; OIDC Core §3.1.3.3 adds id_token). token_type is case-insensitive (§7.1).
    const problems: string[] = []
    if (typeof body.access_token !== 'string') problems.push('"access_token" is missing')
    if (typeof body.token_type !== 'string' || body.token_type.toLowerCase() !== 'bearer')
      problems.push(`"token_type" is ${JSON.stringify(body.token_type)}, not "Bearer"`)
    if (typeof body.expires_in !== 'number')
      problems.push(`"expires_in" is ${JSON.stringify(body.expires_in)}, not a number`)
    if (typeof body.id_token !== 'string') problems.push('"id_token" is missing')
    if (body.refresh_token !== undefined && typeof body.refresh_token !== 'string')
      problems.push('"refresh_token" is not a string')
    if (problems.length > 0)
      return fail(`the sample token response differs from the guide: ${problems.join('; ')}`, {
        expected: ['access_token', 'token_type: Bearer', 'expires_in', 'refresh_token', 'id_token'],
        actual: Object.keys(body),
        exchanges,
      })
    const refresh =
      typeof body.refresh_token === 'string' ? '' : ' (no refresh_token issued: that member was not checked)'
    // The guide labels its form body "Content-Type: application/json" — an erratum: RFC 6749
    // §4.1.3 requires application/x-www-form-urlencoded. Accepting or refusing it are both defensible.
    return info(
      `the sample works when form-urlencoded${refresh}; as written (Content-Type: application/json, the guide's erratum) it was ${describeJsonLabelled(e.tokenJsonLabelled, e.tokenJsonSkipped)}`,
      { actual: { correct: e.token.status, jsonLabelled: e.tokenJsonLabelled?.status }, exchanges },
    )
  },
})
