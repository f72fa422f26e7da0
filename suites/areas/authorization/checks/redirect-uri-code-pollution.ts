import { defineCheck, fail } from '../../../harness/check.js'
import { judgeNoRedirect, summary } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-code-pollution',
  title: 'A redirect_uri with an injected code parameter is refused; never a callback with two codes',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC9700-2.1', 'RFC6749-3.1'],
  needs: ['authzRedirectCodePollution'],
  coveredBy: { oauch: 'AuthEndpoint.CodePollutionTest' },
  evaluate: ({ authzRedirectCodePollution: flow }) => {
    const { result } = flow.attempt
    // RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
    if (result.kind === 'callback' && result.allParams.filter(([name]) => name === 'code').length > 1)
      return fail('the authorization response carries two "code" parameters (the injected one and the issued one)', {
        expected: 'an error page',
        actual: summary(result),
        exchanges: result.exchanges,
      })
    return judgeNoRedirect(flow, `"redirect_uri" "${flow.sent}" adds a "code" parameter to the registered value`)
  },
})
