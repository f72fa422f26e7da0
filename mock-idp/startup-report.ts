/**
 * What `codeflow idp` prints at start: the URLs each party will see, the clients and users, and
 * warnings about the issuer mistakes users of other mocks hit most (trailing slash, a discovery
 * URL used as the issuer, an unroutable host): OIDC Discovery §4.3 and RFC 9207 §2.4 compare the
 * issuer as a simple string, so a trailing "/" or a discovery URL is a different issuer.
 */
import { isLoopbackHost } from '../core/loopback.js'
import { defaults } from './config/defaults.js'
import type { MockIdpConfig } from './config/schema.js'
import { endpointUrls } from './endpoint-urls.js'
import { redactRedisUrl } from './store/redis-url.js'
import type { UserDirectory } from './users.js'

export function issuerWarnings(config: MockIdpConfig, issuer: string): string[] {
  const warnings: string[] = []
  const configured = config.issuer
  if (configured?.endsWith('/')) {
    warnings.push(
      `issuer "${configured}" ends with "/": relying parties compare the issuer by exact string (OIDC Discovery §4.3), so configure them with the same trailing slash or remove it here`,
    )
  }
  if (issuer.includes('/.well-known/')) {
    warnings.push(
      `issuer "${issuer}" contains "/.well-known/": that is the discovery URL, not the issuer; the issuer is the part before "/.well-known/"`,
    )
  }
  const host = new URL(issuer).hostname
  if (host === '0.0.0.0' || host === '::' || host === '[::]') {
    warnings.push(
      `issuer host "${host}" is a listen-all address that no client can reach; set --issuer to the URL clients use`,
    )
  }
  if (new URL(issuer).protocol === 'http:' && !isLoopbackHost(host)) {
    warnings.push(`issuer "${issuer}" uses http on a non-loopback host: many client libraries require https there`)
  }
  if (config.trustForwardedHeaders && configured === undefined) {
    warnings.push(
      'trustForwardedHeaders is on: the issuer follows X-Forwarded-Proto/Host; run this only behind a proxy you trust',
    )
  }
  return warnings
}

/** Where a server is bound: an address (0.0.0.0 or :: for every interface) and a port, as `server.address()` says. */
export interface BoundAddress {
  address: string
  port: number
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::'])

/** `0.0.0.0:8080 (all interfaces)`, `127.0.0.1:8080 (loopback only)`, `[::1]:8080 (loopback only)`, `10.0.0.5:8080`. */
export function describeBinding({ address, port }: BoundAddress): string {
  const hostPort = `${address.includes(':') ? `[${address}]` : address}:${port}`
  if (ALL_INTERFACES.has(address)) return `${hostPort} (all interfaces)`
  return isLoopbackHost(address) ? `${hostPort} (loopback only)` : hostPort
}

/** What the binding means for who can reach the mock, next to what the config lets them do. */
export function bindingWarnings(config: MockIdpConfig, issuer: string, bound: BoundAddress): string[] {
  if (isLoopbackHost(bound.address)) return []
  const warnings: string[] = []
  if (isLoopbackHost(new URL(issuer).hostname)) {
    warnings.push(
      `listening on ${describeBinding(bound)}, but the issuer ${issuer} is a loopback URL other machines cannot use; set --issuer to the URL clients use`,
    )
  }
  if (config.allowRequestBehaviours) {
    warnings.push(
      'requests may switch behaviours on (--allow-request-behaviours) and the mock listens beyond loopback: anyone who can reach it can switch its rules off with one link; leave it off on a shared mock',
    )
  }
  return warnings
}

export function startupReport(
  config: MockIdpConfig,
  issuer: string,
  bound: BoundAddress,
  users: UserDirectory,
): string {
  const urls = endpointUrls(issuer, config.paths)
  const builtIn = new Map(defaults.clients.map((client) => [client.client_id, client.client_secret]))
  const builtInUsers = new Map(defaults.users.map((user) => [user.username, user.password]))
  const lines = [
    'Codeflow mock IdP',
    `  issuer           ${issuer}  (what clients see)`,
    `  discovery        ${urls.discovery}`,
    `  listening on     ${describeBinding(bound)}`,
    `  browser sees     ${urls.authorization}  (login ${urls.login})`,
    `  back channel     ${urls.token}  ·  userinfo ${urls.userinfo}  ·  jwks ${urls.jwks}`,
    ...(config.store.url === undefined
      ? []
      : [`  store            ${redactRedisUrl(config.store.url)}  (shared by every instance of this issuer)`]),
    ...(config.control.enabled
      ? [
          `  control API      ${issuer.replace(/\/$/, '')}${config.control.prefix}  (${config.control.token === undefined ? 'no token: keep it on loopback' : 'bearer token required'})`,
        ]
      : []),
    '',
    '  clients',
  ]
  for (const client of config.clients) {
    // Built-in development credentials are public (docs/mock-idp.md); configured secrets are never printed.
    const secret =
      client.client_secret === undefined
        ? 'public, PKCE'
        : builtIn.get(client.client_id) === client.client_secret
          ? `secret ${client.client_secret}`
          : 'secret (configured)'
    lines.push(`    ${client.client_id.padEnd(16)} ${client.token_endpoint_auth_method.padEnd(20)} ${secret}`)
    lines.push(`    ${''.padEnd(16)} redirect ${client.redirect_uris.join(' , ')}`)
    if (client.behaviours.length > 0) lines.push(`    ${''.padEnd(16)} DEVIATES: ${client.behaviours.join(', ')}`)
  }
  lines.push('', '  users')
  const all = users.all()
  for (const user of all.slice(0, 8)) {
    const password =
      builtInUsers.get(user.username) === user.password ? `password ${user.password}` : 'password (configured)'
    lines.push(`    ${user.username.padEnd(16)} ${password.padEnd(28)} sub ${user.sub}`)
  }
  if (all.length > 8) lines.push(`    … and ${all.length - 8} more`)
  if (config.behaviours.length > 0) {
    // Loud on purpose: a mock left deviating would make a correct client look broken.
    lines.push('', `  DEVIATING on every request (behaviours): ${config.behaviours.join(', ')}`)
  }
  lines.push(
    '',
    config.allowRequestBehaviours
      ? '  REQUESTS MAY SWITCH DEVIATIONS ON: the codeflow-behaviour header and the codeflow_behaviour parameter are honoured (--allow-request-behaviours; for test runs only)'
      : '  deviations       by configuration and the control API only; requests naming one get invalid_request',
  )
  const warnings = [...issuerWarnings(config, issuer), ...bindingWarnings(config, issuer, bound)]
  if (warnings.length > 0) lines.push('', ...warnings.map((warning) => `  warning: ${warning}`))
  return lines.join('\n')
}
