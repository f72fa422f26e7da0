/** rt.scope-escalation — RFC 6749 §6: a refresh cannot widen the scope (invalid_scope). */
import { defineCheck, skip } from '../../../harness/check.js'
import { exactly } from '../../../harness/error-code-rule.js'
import { TOKEN_INVALID_SCOPE } from '../../../harness/error-code-sentences.js'
import { expectError, NO_REFRESH_TOKEN } from './expect-error.js'

// §5.2 names invalid_scope for a scope that "exceeds the scope granted by the resource owner".
const escalation = exactly('a refresh asking for a scope never granted', 'invalid_scope', TOKEN_INVALID_SCOPE)

export default defineCheck({
  id: 'rt.scope-escalation',
  title: 'A refresh asking for a scope never granted is refused with invalid_scope',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.2'],
  needs: ['refreshChain'],
  errorCodes: [escalation],
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    const { call, notGranted } = refreshChain.escalation
    // RFC 6749 §6: "The requested scope MUST NOT include any scope not originally granted by the
    // resource owner"; §5.2: invalid_scope — "The requested scope is invalid, unknown, malformed, or
    // exceeds the scope granted by the resource owner."
    return expectError(call, {
      rule: escalation,
      what: `a refresh asking for "${notGranted}", which was never granted,`,
    })
  },
})
