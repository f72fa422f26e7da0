/** disc.auth-methods-advertised — each client's authentication method is advertised (OIDC Discovery §3, RFC 8414 §2). */
import { defineCheck, fail, pass, skip } from '../../../harness/check.js'

export default defineCheck({
  id: 'disc.auth-methods-advertised',
  title: 'token_endpoint_auth_methods_supported lists every method the clients use',
  area: 'discovery',
  level: 'MUST',
  spec: ['OIDCD-3', 'RFC8414-2'],
  needs: ['discovery'],
  coveredBy: {
    oidf: 'EnsureServerConfigurationSupportsClientSecretBasic / …ClientSecretPost / …ClientAuthNone / …PrivateKeyJwt / …MTLS',
  },
  evaluate: ({ discovery }, { target }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    // OIDC Discovery §3: "If omitted, the default is client_secret_basic".
    const advertised = metadata.token_endpoint_auth_methods_supported ?? ['client_secret_basic']
    if (!Array.isArray(advertised))
      return fail('"token_endpoint_auth_methods_supported" is not a JSON array', { actual: advertised, exchanges })
    const used = [...new Set(target.clients.map((client) => client.token_endpoint_auth_method))]
    const missing = used.filter((method) => !advertised.includes(method))
    if (missing.length > 0)
      return fail(
        `"token_endpoint_auth_methods_supported" does not list ${missing.map((method) => `"${method}"`).join(', ')}, used by the target's clients`,
        { expected: used, actual: advertised, exchanges },
      )
    return pass(undefined, { expected: used, actual: advertised, exchanges })
  },
})
