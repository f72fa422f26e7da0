/** ui.query-token — RFC 6750 §2.3; RFC 9700 §4.3.2. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, succeeded } from './challenge.js'

export default defineCheck({
  id: 'ui.query-token',
  title: 'A token in the URI query is refused (or at least answered with Cache-Control: private)',
  area: 'userinfo',
  level: 'SHOULD',
  spec: ['RFC6750-2.3', 'RFC9700-4.3.2'],
  needs: ['userinfoProbes'],
  coveredBy: {
    oauch:
      'Features.TokenAsQueryParameterTest, ApiEndpoint.TokenAsQueryParameterDisabledTest, ApiEndpoint.CacheControlTest',
  },
  evaluate: ({ userinfoProbes: { query } }) => {
    const exchanges = [query.exchange]
    if (!succeeded(query)) {
      if (query.status >= 500)
        return fail(`a token in the query caused a server error (HTTP ${query.status})`, {
          actual: describe(query),
          exchanges,
        })
      return pass(`a token in the query was refused (HTTP ${query.status})`, { exchanges })
    }
    // RFC 6750 §2.3: "Server success (2XX status) responses to these requests SHOULD contain a
    // Cache-Control header with the "private" option."
    const isPrivate = /(^|,)\s*private\b/i.test(query.cacheControl ?? '')
    // RFC 6750 §2.3: "it SHOULD NOT be used unless it is impossible to transport the access token
    // in the "Authorization" request header field or the HTTP request entity-body"; RFC 9700 §4.3.2
    // recommends against passing access tokens in URI query parameters.
    return fail(
      `a token in the URI query was accepted${isPrivate ? '' : ', and without "Cache-Control: private"'}; it leaks into logs and browser history`,
      { expected: 'a refusal', actual: { status: query.status, 'cache-control': query.cacheControl }, exchanges },
    )
  },
})
