import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'authz.no-307',
  title: "No 307/308 redirect answers a POST that carried the user's credentials",
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC9700-4.12'],
  needs: ['happyFlow'],
  evaluate: ({ happyFlow }) => {
    const { result } = happyFlow.attempt
    if (!result.sawLogin) return skip('the happy flow showed no login page, so no credentials were posted')
    // RFC 9700 §4.12: "The authorization server which redirects a request that potentially
    // contains user credentials therefore MUST NOT use the HTTP 307 status code for redirection.
    // If an HTTP redirection (and not, for example, JavaScript) is used for such a request, AS
    // SHOULD use HTTP status code 303 (See Other)." A 307 or 308 repeats the POST body at the client.
    const posts = result.exchanges.filter((exchange) => exchange.request.method === 'POST')
    const offending = posts.filter((exchange) => [307, 308].includes(exchange.response?.status ?? 0))
    if (offending.length > 0)
      return fail(`a POST of the login or consent form was answered with HTTP ${offending[0]!.response!.status}`, {
        expected: '302 or 303',
        actual: offending.map((exchange) => ({ url: exchange.request.url, status: exchange.response?.status })),
        exchanges: offending,
      })
    return pass(
      `form POSTs answered with ${[...new Set(posts.map((exchange) => exchange.response?.status))].join(', ')}`,
      { exchanges: posts },
    )
  },
})
