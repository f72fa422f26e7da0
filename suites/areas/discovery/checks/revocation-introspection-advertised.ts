/**
 * disc.revocation-introspection-advertised — revocation and introspection endpoints, when
 * supported, are published with auth methods that cover the clients, over https (RFC 8414 §2).
 */
import { defineCheck, fail, info, pass, skip } from '../../../harness/check.js'
import { LOOPBACK_NOTE, urlScheme } from './url-rules.js'

export default defineCheck({
  id: 'disc.revocation-introspection-advertised',
  title: 'Revocation and introspection endpoints are advertised with their auth methods, over https',
  area: 'discovery',
  level: 'SHOULD',
  spec: ['RFC8414-2'],
  needs: ['discovery'],
  evaluate: ({ discovery }, { target }) => {
    const { metadata } = discovery
    if (!metadata || !discovery.exchange) return skip('no discovery document to judge')
    const exchanges = [discovery.exchange]
    const configured = { revocation: target.endpoints.revocation, introspection: target.endpoints.introspection }
    const problems: string[] = []
    const loopback: string[] = []
    let any = false
    for (const kind of ['revocation', 'introspection'] as const) {
      const name = `${kind}_endpoint`
      const advertised = metadata[name]
      if (advertised === undefined) {
        // The target file names an endpoint the server does not advertise: clients cannot find it.
        if (configured[kind])
          problems.push(`"${name}" is not published although the target file names ${configured[kind]}`)
        continue
      }
      any = true
      const scheme = urlScheme(advertised)
      if (scheme.kind === 'loopback-http') loopback.push(name)
      else if (scheme.kind !== 'https') problems.push(`"${name}" is not an https URL`)
      // RFC 8414 §2: "If omitted, the default is "client_secret_basic"".
      const methods = metadata[`${name}_auth_methods_supported`] ?? ['client_secret_basic']
      if (!Array.isArray(methods)) {
        problems.push(`"${name}_auth_methods_supported" is not a JSON array`)
        continue
      }
      const used = [
        ...new Set(
          target.clients.filter((client) => client.client_secret).map((client) => client.token_endpoint_auth_method),
        ),
      ]
      const missing = used.filter((method) => !methods.includes(method))
      if (missing.length > 0)
        problems.push(
          `"${name}_auth_methods_supported" ${metadata[`${name}_auth_methods_supported`] === undefined ? '(absent: defaults to client_secret_basic) ' : ''}does not cover ${missing.map((method) => `"${method}"`).join(', ')}, used by the target's confidential clients`,
        )
    }
    if (!any && problems.length === 0) return skip('the server advertises no revocation or introspection endpoint')
    if (problems.length > 0) return fail(problems.join('; '), { actual: problems, exchanges })
    if (loopback.length > 0)
      return info(`${loopback.map((name) => `"${name}"`).join(', ')} ${LOOPBACK_NOTE}`, { exchanges })
    return pass(undefined, { exchanges })
  },
})
