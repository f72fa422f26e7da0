import { defineCheck, info, pass } from '../../../harness/check.js'
import { describe, exchangesOf, summary } from './judge.js'

export default defineCheck({
  id: 'authz.invalid-scope',
  title: 'An unknown scope value is either ignored (and the granted scope reported) or refused with invalid_scope',
  area: 'authorization',
  level: 'MAY',
  spec: ['RFC6749-3.3', 'RFC6749-4.1.2.1', 'RFC6749-5.1'],
  needs: ['authzInvalidScope'],
  evaluate: ({ authzInvalidScope: flow }) => {
    const { result } = flow.attempt
    const exchanges = exchangesOf(flow)
    const actual = summary(result)
    if (result.kind === 'callback' && result.params.error === 'invalid_scope')
      return pass('refused with error=invalid_scope', { exchanges })
    if (result.kind === 'callback' && result.params.code !== undefined) {
      // RFC 6749 §3.3: "The authorization server MAY fully or partially ignore the scope requested
      // by the client"; §5.1 scope: "OPTIONAL, if identical to the scope requested by the client; otherwise, REQUIRED."
      const scope = flow.token?.body?.scope
      if (typeof scope !== 'string')
        return info(
          'the unknown scope value was ignored, but the token response does not report the granted "scope" although it differs from the request',
          {
            expected: 'a "scope" member without codeflow_not_a_scope',
            actual: flow.token?.body ? Object.keys(flow.token.body) : flow.token?.status,
            exchanges,
          },
        )
      if (scope.split(' ').includes('codeflow_not_a_scope'))
        return info('the token response reports the unknown scope value as granted', { actual: scope, exchanges })
      return info(`the unknown scope value was ignored; granted scope "${scope}"`, { actual: scope, exchanges })
    }
    return info(`the request with an unknown scope value ended with ${describe(result)}`, { actual, exchanges })
  },
})
