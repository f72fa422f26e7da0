import { defineCheck, info, pass } from '../../../harness/check.js'
import { describe, exchangesOf, summary } from './judge.js'

export default defineCheck({
  id: 'authz.response-mode-unknown',
  title: 'An unknown response_mode is refused with invalid_request or ignored; never a response elsewhere',
  area: 'authorization',
  level: 'MAY',
  spec: ['OAUTHRT-2.1'],
  needs: ['authzResponseModeUnknown'],
  evaluate: ({ authzResponseModeUnknown: flow }) => {
    const { result } = flow.attempt
    const exchanges = exchangesOf(flow)
    if (result.kind === 'page') return pass(`refused: ${describe(result)}`, { exchanges })
    if (result.params.error === 'invalid_request' && result.mode === 'query')
      return pass('refused with error=invalid_request in the default (query) mode', { exchanges })
    if (result.params.code !== undefined && result.mode === 'query')
      return info('the unknown response_mode was ignored: the code came back in the default query mode', { exchanges })
    // Multiple Response Types §2.1: the default mode for "code" is query; any other place is unexpected.
    return info(`the unknown response_mode ended with ${describe(result)} in the ${result.mode}`, {
      expected: 'invalid_request, or the default query mode',
      actual: summary(result),
      exchanges,
    })
  },
})
