import { defineCheck } from '../../../harness/check.js'
import { judgeNoRedirect } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-fragment',
  title: 'A redirect_uri with a fragment is refused without redirect',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1.2'],
  needs: ['authzRedirectFragment'],
  coveredBy: { oidf: 'oidcc-redirect-uri-regfrag (at dynamic registration only)' },
  // RFC 6749 §3.1.2: "The endpoint URI MUST NOT include a fragment component."
  evaluate: ({ authzRedirectFragment: flow }) =>
    judgeNoRedirect(flow, `"redirect_uri" "${flow.sent}" has a fragment component`),
})
