import { defineCheck } from '../../../harness/check.js'
import { judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-unregistered',
  title: 'A redirect_uri extended with an unregistered path is refused without redirect',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1.2.3', 'RFC6749-3.1.2.4', 'RFC6749-4.1.2.1', 'OIDCC-3.1.2.1', 'RFC9700-2.1', 'RFC9700-4.1'],
  needs: ['authzRedirectUnregistered'],
  coveredBy: {
    oidf: 'oidcc-ensure-registered-redirect-uri (CreateBadRedirectUriByAppending)',
    oauch: 'AuthEndpoint.RedirectUriPathMatchedTest, AuthEndpoint.InvalidRedirectTest',
  },
  // RFC 6749 §3.1.2.3: the server "MUST compare and match the value received against at least one
  // of the registered redirection URIs … using simple string comparison".
  evaluate: ({ authzRedirectUnregistered: flow }) =>
    judgeNoRedirect(flow, `"redirect_uri" "${flow.sent}" is not registered`),
})
