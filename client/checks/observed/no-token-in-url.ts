/** No token, code verifier or client secret in a URL (RFC 6750 §2.3, RFC 6749 §2.3.1, RFC 9700 §4.3.2). */
import { fail, pass } from '../../../suites/harness/check.js'
import type { ObservedCheck } from '../client-check.js'

const SECRET_PARAMS = ['access_token', 'id_token', 'refresh_token', 'client_secret', 'code_verifier']

export const noTokenInUrl: ObservedCheck = {
  id: 'client.requests.no-token-in-url',
  title: 'Puts no token, verifier or client secret into a URL',
  area: 'client-requests',
  kind: 'observed',
  level: 'SHOULD',
  spec: ['RFC6750-2.3', 'RFC6749-2.3.1', 'RFC9700-4.3.2'],
  rule: 'RFC 6749 §2.3.1: client credentials "MUST NOT be included in the request URI"; RFC 6750 §2.3: access tokens SHOULD NOT be sent in the URI; URLs end up in logs, history and Referer headers.',
  oidf: null,
  arming: { kind: 'none' },
  evaluate: ({ baseline, visitedUrls }) => {
    const issued = baseline
      .filter((request) => request.endpoint === 'token')
      .flatMap((request) => {
        const body = request.responseBody as Record<string, unknown> | undefined
        return ['access_token', 'id_token', 'refresh_token']
          .map((name) => body?.[name])
          .filter((value): value is string => typeof value === 'string' && value.length >= 8)
      })
    const findings: string[] = []
    for (const request of baseline) {
      const query = new URL(request.url).searchParams
      for (const name of SECRET_PARAMS)
        if (query.has(name)) findings.push(`${name} in the query of ${request.method} ${request.endpoint}`)
    }
    for (const url of visitedUrls)
      if (issued.some((token) => url.includes(token)))
        findings.push(`an issued token in the app URL ${new URL(url).pathname}`)
    return findings.length === 0
      ? pass('no token, verifier or secret in any URL of the sign-in')
      : fail(findings.join('; '), { expected: 'no secrets in URLs', actual: findings })
  },
}
