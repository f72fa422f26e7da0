import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describeCall, tokensIssued } from './token-errors.js'

export default defineCheck({
  id: 'token.post-only',
  title: 'A code exchange sent as GET is refused',
  area: 'token',
  level: 'MUST',
  spec: ['RFC6749-3.2'],
  needs: ['tokenRequestFormat'],
  coveredBy: { oauch: 'TokenEndpoint.IsGetSupportedTest' },
  evaluate: ({ tokenRequestFormat }) => {
    const { get } = tokenRequestFormat
    const exchanges = [get.exchange]
    // RFC 6749 §3.2: "The client MUST use the HTTP "POST" method when making access token requests."
    // Accepting GET puts the code (and secrets) in URLs and logs.
    if (tokensIssued(get) || (get.status >= 200 && get.status < 300))
      return fail('the token endpoint answered a GET request with success', {
        expected: 'a 4xx (e.g. 405 or 400) and no token',
        actual: describeCall(get),
        exchanges,
      })
    if (get.status < 400 || get.status >= 500)
      return fail(`a GET request was answered HTTP ${get.status}`, {
        expected: '4xx',
        actual: describeCall(get),
        exchanges,
      })
    return pass(undefined, { actual: describeCall(get), exchanges })
  },
})
