/** rt.scope-escalation — RFC 6749 §6: a refresh cannot widen the scope (invalid_scope). */
import { defineCheck, skip } from '../../harness/check.js'
import { expectError, NO_REFRESH_TOKEN } from './expect-error.js'

export default defineCheck({
  id: 'rt.scope-escalation',
  title: 'A refresh asking for a scope never granted is refused with invalid_scope',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.2'],
  needs: ['refreshChain'],
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    const { call, notGranted } = refreshChain.escalation
    // RFC 6749 §6: "The requested scope MUST NOT include any scope not originally granted by the
    // resource owner"; §5.2: invalid_scope — "The requested scope is invalid, unknown, malformed, or
    // exceeds the scope granted by the resource owner."
    return expectError(call, {
      accepted: ['invalid_scope'],
      what: `a refresh asking for "${notGranted}", which was never granted,`,
    })
  },
})
