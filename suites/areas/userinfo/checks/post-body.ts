/** ui.post-body — RFC 6750 §2.2 (MAY: a server need not accept the token in the body). */
import { defineCheck, fail, info, pass } from '../../../harness/check.js'
import { canonical, describe, succeeded } from './challenge.js'

export default defineCheck({
  id: 'ui.post-body',
  title: 'A token in the form body is honoured like the header, or cleanly refused',
  area: 'userinfo',
  level: 'MAY',
  spec: ['RFC6750-2.2'],
  needs: ['userinfoProbes'],
  coveredBy: { oidf: 'oidcc-userinfo-post-body (UserInfoEndpointWithAccessTokenInBodyNotSupported WARN)' },
  evaluate: ({ userinfoProbes: { get, postBody } }) => {
    const exchanges = [postBody.exchange]
    // RFC 6750 §2.2: "Resource servers MAY support this method."
    if (!succeeded(postBody)) {
      if (postBody.status >= 500)
        return fail(
          `a token in the form body caused a server error (HTTP ${postBody.status}) instead of a clean refusal`,
          { actual: describe(postBody), exchanges },
        )
      return info(`a token in the form body is not supported (HTTP ${postBody.status}), which RFC 6750 §2.2 allows`, {
        actual: describe(postBody),
        exchanges,
      })
    }
    if (get.body && canonical(postBody.body) !== canonical(get.body))
      return fail('a token in the form body returned other claims than the header', {
        expected: get.body,
        actual: postBody.body,
        exchanges,
      })
    return pass('a token in the form body is supported and behaves like the header', { exchanges })
  },
})
