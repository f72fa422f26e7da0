/** disc.scopes-openid — scopes_supported, when published, contains "openid" and only valid scope-tokens (OIDC Discovery §3, RFC 6749 §3.3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

export default defineCheck({
  id: 'disc.scopes-openid',
  title: 'scopes_supported (if present) contains "openid" and valid scope-tokens',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'RFC6749-3.3'],
  needs: ['discovery'],
  coveredBy: { oidf: 'CheckDiscEndpointScopesSupportedContainsOpenId, CheckDiscEndpointScopesSupportedSyntax' },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const actual = metadata.scopes_supported
    if (actual === undefined)
      return skip('"scopes_supported" is not published (it is RECOMMENDED: see disc.optional-members)')
    if (!Array.isArray(actual)) return fail('"scopes_supported" is not a JSON array', { actual, exchanges })
    // OIDC Discovery §3 scopes_supported: "The server MUST support the openid scope value."
    if (!actual.includes('openid'))
      return fail('"scopes_supported" does not contain "openid"', { expected: 'contains "openid"', actual, exchanges })
    const invalid = actual.filter((scope) => typeof scope !== 'string' || !SCOPE_TOKEN.test(scope))
    if (invalid.length > 0)
      return fail('"scopes_supported" has values that are not scope-tokens (RFC 6749 §3.3)', {
        expected: '1*( %x21 / %x23-5B / %x5D-7E )',
        actual: invalid,
        exchanges,
      })
    return pass(undefined, { actual, exchanges })
  },
})
