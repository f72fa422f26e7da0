import { defineCheck, fail, pass, skip } from '../../../harness/check.js'
import { tokenErrorResponses } from './error-responses.js'
import { hasNoStore } from './token-errors.js'

export default defineCheck({
  id: 'token.error-no-store',
  title: 'Token endpoint error responses carry Cache-Control: no-store too',
  area: 'token',
  level: 'SHOULD',
  spec: ['RFC6749-5.1', 'RFC6749-5.2'],
  needs: ['tokenGrantErrors', 'tokenRequestFormat', 'tokenRedirectUri', 'tokenClientAuth'],
  evaluate: (evidence) => {
    const errors = tokenErrorResponses(evidence)
    if (errors.length === 0) return skip('no error response to judge')
    // RFC 6749 §5.1: "Cache-Control" "no-store" "in any response containing tokens, credentials, or
    // other sensitive information" — an error about a code or a client secret is such a response.
    const missing = errors.filter(({ call }) => !hasNoStore(call.headers))
    if (missing.length > 0)
      return fail(`${missing.length} of ${errors.length} token error responses lack "Cache-Control: no-store"`, {
        expected: 'Cache-Control: no-store',
        actual: missing.map(({ what, call }) => `${what}: ${call.headers.get('cache-control') ?? '(absent)'}`),
        exchanges: missing.map(({ call }) => call.exchange),
      })
    return pass(`${errors.length} error responses judged`, { exchanges: errors.map(({ call }) => call.exchange) })
  },
})
