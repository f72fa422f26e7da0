import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, exchangesOf, summary } from '../../authorization/checks/judge.js'

export default defineCheck({
  id: 'state.absent',
  title: 'Without state the flow succeeds and no state (or s_hash) is invented',
  area: 'state',
  level: 'MUST',
  spec: ['RFC6749-4.1.1', 'RFC6749-4.1.2'],
  needs: ['stateAbsent'],
  coveredBy: {
    oidf: 'CheckStateInAuthorizationResponse; fapi2-…-ensure-authorization-request-without-state-success (VerifyNoStateInAuthorizationResponse)',
  },
  evaluate: ({ stateAbsent: flow }) => {
    const { result } = flow.attempt
    const exchanges = exchangesOf(flow)
    // RFC 6749 §4.1.1: state is "RECOMMENDED", so a request without it is valid.
    if (result.kind !== 'callback' || result.params.code === undefined)
      return fail(`a request without state was refused: ${describe(result)}`, { actual: summary(result), exchanges })
    // §4.1.2: state is "REQUIRED if the "state" parameter was present" — and only then.
    if (result.params.state !== undefined)
      return fail('the authorization response carries a "state" although none was sent', {
        actual: result.params.state,
        exchanges,
      })
    if (flow.idToken?.claims?.s_hash !== undefined)
      return fail('the ID token carries an "s_hash" although no state was sent', {
        actual: flow.idToken.claims.s_hash,
        exchanges,
      })
    return pass('no state sent, none returned', { exchanges })
  },
})
