/** rt.scope-narrowing — RFC 6749 §6, §5.1: a refresh may ask for less scope, and the response says so. */

import { defineCheck, fail, pass, skip, warn } from '../../../harness/check.js'
import { isUnavailable } from '../../../harness/unavailable.js'
import { NO_REFRESH_TOKEN, sameSet, scopeList } from './expect-error.js'

export default defineCheck({
  id: 'rt.scope-narrowing',
  title: 'A refresh with a narrower scope succeeds and grants only that scope',
  area: 'refresh',
  level: 'MUST',
  spec: ['RFC6749-6', 'RFC6749-5.1', 'RFC6749-3.3'],
  needs: ['refreshChain'],
  evaluate: ({ refreshChain }) => {
    if (!refreshChain.issued) return skip(NO_REFRESH_TOKEN)
    const { narrowing } = refreshChain
    if (isUnavailable(narrowing)) return skip(narrowing.unavailable)
    const { call, subset } = narrowing
    const exchanges = [call.exchange, ...(narrowing.introspection ? [narrowing.introspection.exchange] : [])]
    // RFC 6749 §6: "scope OPTIONAL. The scope of the access request as described by Section 3.3. The
    // requested scope MUST NOT include any scope not originally granted by the resource owner" — a
    // subset is a valid request.
    if (call.status !== 200) {
      return fail(`a refresh asking for the narrower scope "${subset.join(' ')}" was refused (HTTP ${call.status})`, {
        expected: 200,
        actual: { status: call.status, error: call.body?.error },
        exchanges,
      })
    }
    // RFC 6749 §5.1: "scope OPTIONAL, if identical to the scope requested by the client; otherwise,
    // REQUIRED." An omitted scope therefore means the subset was granted.
    const returned = scopeList(call.body?.scope)
    if (returned && !returned.every((scope) => subset.includes(scope))) {
      return fail('the refreshed token\'s "scope" is wider than the narrower scope requested', {
        expected: subset.join(' '),
        actual: returned.join(' '),
        exchanges,
      })
    }
    const introspected = narrowing.introspection?.body
    const introspectedScope = introspected?.active === true ? scopeList(introspected.scope) : undefined
    if (introspectedScope && !introspectedScope.every((scope) => subset.includes(scope))) {
      return fail('introspection shows the refreshed access token carries more than the narrower scope requested', {
        expected: subset.join(' '),
        actual: introspectedScope.join(' '),
        exchanges,
      })
    }
    if (returned && !sameSet(returned, subset)) {
      return warn('the refreshed token\'s "scope" is narrower than requested', {
        expected: subset.join(' '),
        actual: returned.join(' '),
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
