/** disc.endpoints-https — every endpoint URL in the metadata uses https (OIDC Discovery §3, RFC 8414 §2). */
import { defineCheck, fail, info, pass, skip } from '../../../harness/check.js'
import { endpointMembers, LOOPBACK_NOTE, urlScheme } from './url-rules.js'

export default defineCheck({
  id: 'disc.endpoints-https',
  title: 'Every endpoint URL in the metadata uses the https scheme',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'RFC8414-2', 'RFC6749-3.1'],
  needs: ['discovery'],
  coveredBy: {
    oidf: 'CheckDiscEndpointAllEndpointsAreHttps, CheckDiscEndpointAuthorizationEndpoint, CheckDiscEndpointTokenEndpoint, CheckDiscEndpointUserinfoEndpoint',
    oauch: '*.IsHttpsRequiredTest',
  },
  evaluate: ({ discovery }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const plain: Record<string, unknown> = {}
    const loopback: string[] = []
    const invalid: Record<string, unknown> = {}
    // OIDC Discovery §3 (e.g. token_endpoint): "URL of the OP's OAuth 2.0 Token Endpoint … This
    // URL MUST use the https scheme"; RFC 8414 §2 says the same of every endpoint it defines.
    for (const [name, value] of endpointMembers(metadata)) {
      const scheme = urlScheme(value)
      if (scheme.kind === 'https') continue
      if (scheme.kind === 'loopback-http') loopback.push(name)
      else if (scheme.kind === 'invalid') invalid[name] = value
      else plain[name] = value
    }
    if (Object.keys(plain).length > 0 || Object.keys(invalid).length > 0) {
      const names = [...Object.keys(plain), ...Object.keys(invalid)].map((name) => `"${name}"`).join(', ')
      return fail(
        `${names} ${Object.keys(plain).length + Object.keys(invalid).length === 1 ? 'does' : 'do'} not use the https scheme`,
        {
          expected: 'https URLs',
          actual: { ...plain, ...invalid },
          exchanges,
        },
      )
    }
    if (loopback.length > 0)
      return info(`${loopback.map((name) => `"${name}"`).join(', ')} ${LOOPBACK_NOTE}`, { actual: loopback, exchanges })
    return pass(undefined, { exchanges })
  },
})
