/** intr.metadata — RFC 8414 §2: the introspection endpoint is advertised, over TLS. */
import { defineCheck, pass, skip, warn } from '../../../harness/check.js'

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

export default defineCheck({
  id: 'intr.metadata',
  title: 'The introspection endpoint is advertised in the metadata, with an https URL',
  area: 'introspection',
  level: 'SHOULD',
  spec: ['RFC8414-2', 'RFC7662-4'],
  needs: ['discovery'],
  evaluate: ({ discovery }, { target }) => {
    const advertised = discovery.metadata?.introspection_endpoint
    const exchanges = discovery.exchange ? [discovery.exchange] : []
    if (advertised === undefined) {
      if (!target.endpoints.introspection) return skip('the server has no introspection endpoint')
      if (!discovery.metadata) return skip('the target has no discovery document to advertise it in')
      // RFC 8414 §2: "introspection_endpoint OPTIONAL. URL of the authorization server's OAuth 2.0
      // introspection endpoint [RFC7662]."
      return warn('the introspection endpoint the target file declares is not advertised as "introspection_endpoint"', {
        expected: target.endpoints.introspection,
        exchanges,
      })
    }
    let url: URL
    try {
      url = new URL(String(advertised))
    } catch {
      return warn('"introspection_endpoint" is not an absolute URL', { actual: advertised, exchanges })
    }
    // RFC 7662 §4: "the authorization server MUST support TLS 1.2 … on its introspection endpoint";
    // a loopback address (a local test server) is exempt.
    if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) {
      return warn('"introspection_endpoint" is not an https URL', {
        expected: 'https://…',
        actual: advertised,
        exchanges,
      })
    }
    return pass(undefined, { exchanges })
  },
})
