import { defineCheck, fail, info, pass, warn } from '../../../harness/check.js'
import { describe, exchangesOf, summary } from './judge.js'

export default defineCheck({
  id: 'authz.claims-param',
  title: 'The claims parameter is accepted; an essential UserInfo claim is returned',
  area: 'authorization',
  level: 'MUST',
  spec: ['OIDCC-5.5', 'OIDCC-5.5.1'],
  needs: ['authzClaimsParam'],
  coveredBy: { oidf: 'oidcc-claims-essential (EnsureUserInfoContainsName WARN)' },
  evaluate: ({ authzClaimsParam: flow }) => {
    const exchanges = [...exchangesOf(flow), ...(flow.userinfo ? [flow.userinfo.exchange] : [])]
    // OIDC Core §5.5: "Support for the claims parameter is OPTIONAL"; an OP that does not support
    // it ignores it (RFC 6749 §3.1: unrecognized parameters are ignored). It must never fail the request.
    if (!flow.code)
      return fail(`the request with a "claims" parameter was refused: ${describe(flow.attempt.result)}`, {
        expected: 'a code',
        actual: summary(flow.attempt.result),
        exchanges,
      })
    if (!flow.userinfo)
      return pass('the "claims" parameter was accepted (no UserInfo endpoint to look at)', { exchanges })
    const name = flow.userinfo.body?.name
    if (name !== undefined) return pass('"name", requested as essential, is in the UserInfo response', { exchanges })
    // §5.5.1 essential: "the Authorization Server … SHOULD" return it when it can.
    if (!flow.supported)
      return info('the "claims" parameter was accepted and ignored (claims_parameter_supported is not true)', {
        exchanges,
      })
    return warn(
      'claims_parameter_supported is true, yet "name", requested as essential, is not in the UserInfo response',
      {
        expected: 'name',
        actual: flow.userinfo.body ? Object.keys(flow.userinfo.body) : flow.userinfo.status,
        exchanges,
      },
    )
  },
})
