import { defineCheck, info } from '../../../harness/check.js'
import { judgeSuccess } from './judge.js'

export default defineCheck({
  id: 'authz.post-method',
  title: 'The authorization request is accepted as an HTML form POST',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-3.1.2.1', 'RFC6749-3.1'],
  needs: ['authzPostMethod'],
  coveredBy: {
    oidf: 'oidcc-ensure-post-request-succeeds',
    oauch: 'AuthEndpoint.SupportsPostAuthorizationRequestsTest',
  },
  evaluate: ({ authzPostMethod }, { target }) => {
    // OIDC Core §3.1.2.1: "Authorization Servers MUST support the use of the HTTP GET and POST
    // methods defined in RFC 7231 at the Authorization Endpoint." RFC 6749 §3.1: POST "MAY".
    const verdict = judgeSuccess(authzPostMethod, 'the authorization request sent as a form POST')
    if (verdict.kind === 'fail' && target.discovery === false)
      return info(`${verdict.message} (allowed for a plain OAuth 2.0 server: RFC 6749 §3.1 makes POST optional)`, {
        expected: verdict.expected,
        actual: verdict.actual,
        exchanges: verdict.exchanges,
      })
    return verdict
  },
})
