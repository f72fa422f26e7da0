import { defineCheck, fail, pass } from '../../../harness/check.js'
import { redactUrl } from '../../../harness/exchange.js'
import { describe, summary } from '../../authorization/checks/judge.js'

export default defineCheck({
  id: 'state.special-chars',
  title: 'A state with + / = % & ; space and é round-trips losslessly',
  area: 'state',
  level: 'MUST',
  spec: ['RFC6749-4.1.2', 'RFC6749-B'],
  needs: ['stateSpecialChars'],
  evaluate: ({ stateSpecialChars: flow }) => {
    const { result, request } = flow.attempt
    const exchanges = result.exchanges
    if (result.kind !== 'callback' || result.params.code === undefined)
      return fail(`the request with special characters in state was refused: ${describe(result)}`, {
        actual: summary(result),
        exchanges,
      })
    // RFC 6749 §4.1.2: "The exact value received from the client", added to the query "using the
    // application/x-www-form-urlencoded format" (Appendix B: "+" is a space, so a literal "+"
    // must be sent as %2B; non-ASCII as UTF-8 octets).
    if (result.params.state !== request.state)
      return fail('"state" did not survive the round trip', {
        expected: request.state,
        actual: { decoded: result.params.state, location: redactUrl(result.url) },
        exchanges,
      })
    return pass('"state" with reserved and non-ASCII characters returned unchanged', { exchanges })
  },
})
