/** disc.id-token-rs256 — RS256 is among the advertised ID token signing algorithms (OIDC Discovery §3). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.id-token-rs256',
  title: 'id_token_signing_alg_values_supported contains RS256',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'OIDCC-15.1'],
  needs: ['discovery'],
  coveredBy: { oidf: 'OIDCCCheckDiscEndpointIdTokenSigningAlgValuesSupported' },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const actual = metadata.id_token_signing_alg_values_supported
    // OIDC Discovery §3 id_token_signing_alg_values_supported: "The algorithm RS256 MUST be included."
    if (Array.isArray(actual) && actual.includes('RS256')) return pass(undefined, { actual, exchanges })
    return fail('"id_token_signing_alg_values_supported" does not include "RS256"', {
      expected: 'includes "RS256"',
      actual,
      exchanges,
    })
  },
})
