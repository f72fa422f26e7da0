/** ui.post-header — OIDC Core §5.3.1. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { canonical, describe } from './challenge.js'

export default defineCheck({
  id: 'ui.post-header',
  title: 'POST with the bearer token in the Authorization header returns the same claims as GET',
  area: 'userinfo',
  level: 'MUST',
  spec: ['OIDCC-5.3.1'],
  needs: ['userinfoProbes'],
  coveredBy: { oidf: 'oidcc-userinfo-post-header' },
  evaluate: ({ userinfoProbes: { get, postHeader } }) => {
    const exchanges = [postHeader.exchange]
    // OIDC Core §5.3: "The UserInfo Endpoint MUST support the use of the HTTP GET and HTTP POST methods".
    if (postHeader.status !== 200)
      return fail(`UserInfo answered HTTP ${postHeader.status} to POST with a valid bearer token`, {
        expected: 200,
        actual: describe(postHeader),
        exchanges,
      })
    if (get.body && canonical(postHeader.body) !== canonical(get.body))
      return fail('POST returned other claims than GET for the same token', {
        expected: get.body,
        actual: postHeader.body,
        exchanges: [get.exchange, postHeader.exchange],
      })
    return pass(undefined, { exchanges })
  },
})
