import { defineCheck, fail, pass, warn } from '../../../harness/check.js'
import { describeCall, tokensIssued } from '../../token/checks/token-errors.js'

export default defineCheck({
  id: 'code.concurrent-redeem',
  title: 'Of 5 concurrent redemptions of one code exactly one succeeds',
  area: 'code',
  level: 'MUST',
  spec: ['RFC6749-4.1.2', 'RFC9700-4.5'],
  needs: ['codeConcurrent'],
  coveredBy: { oauch: 'Concurrency.SingleFastACExchangeTest, Concurrency.MultiFastACExchangeTest' },
  evaluate: ({ codeConcurrent }) => {
    const { calls } = codeConcurrent
    const exchanges = calls.map((call) => call.exchange)
    const winners = calls.filter(tokensIssued).length
    const actual = calls.map(describeCall)
    // RFC 6749 §4.1.2: a code used more than once → "the authorization server MUST deny the
    // request"; redemption has to be atomic, or a race hands out several token sets.
    if (winners > 1)
      return fail(`${winners} of ${calls.length} concurrent redemptions of one code returned tokens`, {
        expected: 'exactly one success',
        actual,
        exchanges,
      })
    if (winners === 0)
      return warn(`none of ${calls.length} concurrent redemptions of a fresh code succeeded`, {
        expected: 'exactly one success',
        actual,
        exchanges,
      })
    return pass(undefined, { actual, exchanges })
  },
})
