import { defineCheck } from '../../../harness/check.js'
import { judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-query-mismatch',
  title: 'A registered redirect_uri with a changed query value is refused without redirect',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC9700-2.1', 'OIDCC-3.1.2.1'],
  needs: ['authzRedirectQueryMismatch'],
  coveredBy: { oidf: 'oidcc-redirect-uri-query-mismatch (dynamic clients only)' },
  // OIDC Core §3.1.2.1 redirect_uri: "This URI MUST exactly match one of the Redirection URI
  // values for the Client pre-registered at the OpenID Provider".
  evaluate: ({ authzRedirectQueryMismatch: flow }) =>
    judgeNoRedirect(flow, `"redirect_uri" "${flow.sent}" changes a registered query value`),
})
