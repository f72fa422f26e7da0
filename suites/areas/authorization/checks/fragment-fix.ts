import { defineCheck, info, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'authz.fragment-fix',
  title: 'The code redirect carries a fragment of its own, so a leaked fragment cannot be re-attached',
  area: 'authorization',
  level: 'MAY',
  spec: ['RFC9700-4.1.3'],
  needs: ['happyFlow'],
  coveredBy: { oauch: 'AuthEndpoint.FragmentFixTest' },
  evaluate: ({ happyFlow }) => {
    const { result } = happyFlow.attempt
    if (result.kind !== 'callback' || result.mode !== 'query')
      return skip('the happy flow did not end in a query redirect')
    // RFC 9700 §4.1.3: browsers re-attach the fragment of the original URL to a redirect without
    // one; the authorization server "could" append its own (e.g. "#_=_") to prevent that.
    const hash = new URL(result.url).hash
    if (hash.length > 0) return pass(`the redirect carries its own fragment "${hash}"`)
    return info('the code redirect has no fragment of its own (an optional hardening, RFC 9700 §4.1.3)', {
      exchanges: result.exchanges.slice(-1),
    })
  },
})
