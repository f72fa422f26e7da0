import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.fetch-200-json',
  title: 'The discovery document is served with 200 and a JSON object',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-4', 'OIDCD-4.2', 'RFC8414-3.2'],
  needs: ['discovery'],
  coveredBy: { oidf: 'EnsureDiscoveryEndpointResponseStatusCodeIs200, CheckDiscoveryEndpointReturnedJsonContentType' },
  evaluate: ({ discovery }) => {
    if (!discovery.exchange) return skip('the target file declares no discovery (plain OAuth server)')
    const exchanges = [discovery.exchange]
    if (discovery.status !== 200)
      return fail(`discovery answered HTTP ${discovery.status}`, { expected: 200, actual: discovery.status, exchanges })
    // OIDC Discovery §4.2: "using the application/json content type".
    if (discovery.contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/json') {
      return fail('discovery is not served as application/json', {
        expected: 'application/json',
        actual: discovery.contentType,
        exchanges,
      })
    }
    if (!discovery.metadata) return fail('the discovery body is not a JSON object', { exchanges })
    return pass(undefined, { exchanges })
  },
})
