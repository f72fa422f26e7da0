import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, summary } from '../../authorization/checks/judge.js'

export default defineCheck({
  id: 'state.echoed',
  title: 'A 128-character state comes back byte-identical with the code',
  area: 'state',
  level: 'MUST',
  spec: ['RFC6749-4.1.2'],
  needs: ['stateEchoed'],
  coveredBy: { oidf: 'CheckStateInAuthorizationResponse', oauch: 'AuthEndpoint.StatePresentTest' },
  evaluate: ({ stateEchoed: flow }) => {
    const { result, request } = flow.attempt
    const exchanges = result.exchanges
    if (result.kind !== 'callback' || result.params.code === undefined)
      return fail(`the request with a 128-character state was refused: ${describe(result)}`, {
        actual: summary(result),
        exchanges,
      })
    // RFC 6749 §4.1.2 state: "REQUIRED if the "state" parameter was present in the client
    // authorization request. The exact value received from the client."
    if (result.params.state !== request.state)
      return fail(
        result.params.state === undefined
          ? '"state" is missing from the authorization response'
          : '"state" was changed',
        {
          expected: request.state,
          actual: result.params.state,
          exchanges,
        },
      )
    return pass('"state" returned unchanged', { exchanges })
  },
})
