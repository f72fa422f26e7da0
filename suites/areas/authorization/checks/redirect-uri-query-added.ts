import { defineCheck } from '../../../harness/check.js'
import { judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-query-added',
  title: 'A registered redirect_uri with an added query parameter is refused without redirect',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC9700-2.1', 'RFC9700-4.1.3', 'OIDCC-3.1.2.1'],
  needs: ['authzRedirectQueryAdded'],
  coveredBy: {
    oidf: 'oidcc-redirect-uri-query-added',
    oauch: 'AuthEndpoint.RedirectUriFullyMatchedTest (also passes when the extra parameter is dropped)',
  },
  // RFC 9700 §2.1: "authorization servers MUST utilize exact string matching" of redirect URIs.
  // A redirect to the registered URI without the extra parameter is a redirect all the same.
  evaluate: ({ authzRedirectQueryAdded: flow }) =>
    judgeNoRedirect(flow, `"redirect_uri" "${flow.sent}" adds a query parameter to the registered value`),
})
