/** disc.response-types-code — a code-flow OP lists "code" in response_types_supported (OIDC Discovery §3, OIDC Core §3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.response-types-code',
  title: 'response_types_supported contains "code"',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'OIDCC-3'],
  needs: ['discovery'],
  coveredBy: { oidf: 'OIDCCCheckDiscEndpointResponseTypesSupported (only requires one OIDC response type)' },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const actual = metadata.response_types_supported
    // OIDC Discovery §3: "Dynamic OpenID Providers MUST support the code, id_token, and the
    // id_token token Response Type values" — and an OP serving the code flow must list "code".
    // Values are compared as whole strings: "code id_token" is another response type.
    if (Array.isArray(actual) && actual.includes('code')) return pass(undefined, { actual, exchanges })
    return fail('"response_types_supported" does not contain "code"', {
      expected: 'contains "code"',
      actual,
      exchanges,
    })
  },
})
