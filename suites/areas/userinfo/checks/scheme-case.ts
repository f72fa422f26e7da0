/** ui.scheme-case — RFC 9110 §11.1 (the auth scheme is case-insensitive); RFC 6750 §2.1. */
import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe } from './challenge.js'

export default defineCheck({
  id: 'ui.scheme-case',
  title: 'The "bearer" scheme is accepted in any case',
  area: 'userinfo',
  level: 'MUST',
  spec: ['RFC9110-11.1', 'RFC6750-2.1'],
  needs: ['userinfoProbes'],
  coveredBy: {
    oidf: 'OIDF-FAPI2: fapi2-…-access-token-type-header-case-sensitivity (SetAccessTokenTypeToInvertedCase)',
  },
  evaluate: ({ userinfoProbes: { lowerScheme, upperScheme } }) => {
    // RFC 9110 §11.1: "It uses a case-insensitive token to identify the authentication scheme".
    const tried: Array<[string, typeof lowerScheme]> = [
      ['bearer', lowerScheme],
      ['BEARER', upperScheme],
    ]
    const refused = tried.filter(([, call]) => call.status !== 200)
    if (refused.length > 0)
      return fail(
        `the scheme written ${refused.map(([scheme]) => `"${scheme}"`).join(' and ')} was refused; auth schemes are case-insensitive`,
        {
          expected: 200,
          actual: refused.map(([scheme, call]) => ({ scheme, ...describe(call) })),
          exchanges: refused.map(([, call]) => call.exchange),
        },
      )
    return pass(undefined, { exchanges: [lowerScheme.exchange, upperScheme.exchange] })
  },
})
