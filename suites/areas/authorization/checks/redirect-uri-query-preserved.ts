import { defineCheck, fail, pass } from '../../../harness/check.js'
import { describe, exchangesOf, summary } from './judge.js'

export default defineCheck({
  id: 'authz.redirect-uri-query-preserved',
  title: 'A registered redirect_uri with a query keeps its query parameters next to code and state',
  area: 'authorization',
  level: 'MUST',
  spec: ['RFC6749-3.1.2'],
  needs: ['authzRedirectQueryPreserved'],
  coveredBy: { oidf: 'oidcc-redirect-uri-query-OK (CheckMatchingCallbackParameters)' },
  evaluate: ({ authzRedirectQueryPreserved: flow }) => {
    const { result } = flow.attempt
    const exchanges = exchangesOf(flow)
    if (result.kind !== 'callback' || result.params.code === undefined)
      return fail(`the registered redirect URI "${flow.registered}" was refused: ${describe(result)}`, {
        expected: 'a redirect with a code',
        actual: summary(result),
        exchanges,
      })
    // RFC 6749 §3.1.2: the endpoint URI "MAY include an "application/x-www-form-urlencoded"
    // formatted … query component, which MUST be retained when adding additional query parameters."
    const registered = [...new URL(flow.registered).searchParams]
    const missing = registered.filter(
      ([name, value]) => !result.allParams.some(([gotName, gotValue]) => gotName === name && gotValue === value),
    )
    if (missing.length > 0)
      return fail(
        `the registered query parameters ${missing.map(([name]) => `"${name}"`).join(', ')} were not retained`,
        {
          expected: registered,
          actual: summary(result),
          exchanges,
        },
      )
    return pass('the registered query parameters were retained', { exchanges })
  },
})
