/**
 * Near-miss redirect URIs (RFC 9700 §2.1, §4.1: exact string matching) and the RFC 8252 §7.3
 * loopback port exception. Each variant is one request in a fresh browser; a correct server
 * answers every one with an error page.
 */

import {
  ATTACKER_REDIRECT_URI,
  attemptOnly,
  longState,
  originWide,
  plainRedirectUri,
  scenarioGatherer,
  sessionJar,
} from '../../../flows/authorization-scenario.js'
import { primaryClient } from '../../../flows/clients.js'
import type { FlowAttempt } from '../../../flows/flow-attempt.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import type { TargetClient } from '../../../harness/target.js'

export interface RedirectVariant {
  name: string
  sent: string
  flow: FlowAttempt
}

export interface LoopbackScenario extends FlowAttempt {
  registered: string
  sent: string
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    authzRedirectVariants: { registered: string; variants: RedirectVariant[] }
    authzLoopbackPort: LoopbackScenario
  }
}

const LOOPBACK_HOSTS = ['127.0.0.1', '[::1]']

export function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri)
    return url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname)
  } catch {
    return false
  }
}

/** The near-misses of `registered`, by name (strings, not URL objects: URL would normalise them away). */
export function redirectVariants(registered: string): Array<{ name: string; uri: string }> {
  const url = new URL(registered)
  const scheme = url.protocol.slice(0, -1)
  const rest = registered.slice(scheme.length + 3) // after "scheme://"
  const authorityEnd = rest.search(/[/?#]/)
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd)
  const pathAndMore = authorityEnd === -1 ? '' : rest.slice(authorityEnd)
  const hostOnly = authority.replace(/:\d+$/, '')
  const build = (s: string, a: string, p: string) => `${s}://${a}${p}`
  const defaultPort = scheme === 'https' ? '443' : '80'
  const otherPort = url.port === '8443' ? '9443' : '8443'
  const queryStart = pathAndMore.search(/[?#]/)
  const path = queryStart === -1 ? pathAndMore : pathAndMore.slice(0, queryStart)
  const tail = queryStart === -1 ? '' : pathAndMore.slice(queryStart)
  const withPath = (newPath: string) => build(scheme, authority, `${newPath}${tail}`)
  const under = (suffix: string) => withPath(`${path.replace(/\/$/, '')}/${suffix}`)
  const variants: Array<{ name: string; uri: string }> = [
    { name: 'trailing "/"', uri: path.endsWith('/') ? withPath(path.slice(0, -1)) : withPath(`${path}/`) },
    { name: 'upper-case host', uri: build(scheme, authority.toUpperCase(), pathAndMore) },
    { name: 'upper-case path', uri: withPath(path.toUpperCase()) },
    {
      name: `${scheme === 'https' ? 'http' : 'https'} instead of ${scheme}`,
      uri: build(scheme === 'https' ? 'http' : 'https', authority, pathAndMore),
    },
    { name: 'explicit default port', uri: url.port ? '' : build(scheme, `${hostOnly}:${defaultPort}`, pathAndMore) },
    { name: 'other port', uri: isLoopback(registered) ? '' : build(scheme, `${hostOnly}:${otherPort}`, pathAndMore) },
    { name: 'sub-domain', uri: build(scheme, `codeflow.${authority}`, pathAndMore) },
    { name: 'user@host (userinfo added)', uri: build(scheme, `attacker.codeflow.invalid@${authority}`, pathAndMore) },
    {
      name: 'host@attacker (host confusion)',
      uri: build(scheme, `${authority}@attacker.codeflow.invalid`, pathAndMore),
    },
    { name: '"%2e%2e" path traversal', uri: under('%2e%2e/codeflow-evil') },
    { name: '"../" path traversal', uri: under('../codeflow-evil') },
    { name: 'double-encoded "%252e%252e"', uri: under('%252e%252e/codeflow-evil') },
    { name: 'percent-encoded redirect_uri (double encoding)', uri: encodeURIComponent(registered) },
  ]
  return variants.filter((variant) => variant.uri !== '' && variant.uri !== registered)
}

export const redirectVariantsGatherer = scenarioGatherer('authzRedirectVariants', async (context) => {
  const client = primaryClient(context.target)
  const registered = plainRedirectUri(client)
  const { endpoints } = await context.need('discovery')
  const variants = await Promise.all(
    redirectVariants(registered).map(async ({ name, uri }) => {
      const uris = [...client.redirect_uris, uri, ATTACKER_REDIRECT_URI, 'https://attacker.codeflow.invalid/']
      const flow = await attemptOnly(context, {
        label: `authorization: redirect_uri variant (${name})`,
        client,
        overrides: { redirect_uri: uri, state: longState() },
        extraClientUris: [ATTACKER_REDIRECT_URI, ...originWide(uris, endpoints.authorization)],
      })
      return { name, sent: uri, flow }
    }),
  )
  return { registered, variants }
})

function loopbackClient(clients: TargetClient[]): { client: TargetClient; registered: string } | undefined {
  for (const client of clients) {
    const registered = client.redirect_uris.find(isLoopback)
    if (registered) return { client, registered }
  }
  return undefined
}

export const loopbackPortGatherer = scenarioGatherer('authzLoopbackPort', async (context) => {
  const found = loopbackClient(context.target.clients)
  if (!found)
    throw new EvidenceUnavailable(
      'no client in the target file has a loopback (http://127.0.0.1 or [::1]) redirect URI',
    )
  const { client, registered } = found
  const url = new URL(registered)
  url.port = url.port === '53412' ? '53413' : '53412'
  const sent = url.toString()
  const jar = await sessionJar(context)
  const flow = await attemptOnly(context, {
    label: 'authorization: loopback redirect_uri on another port',
    client,
    jar,
    overrides: { redirect_uri: sent, state: longState() },
  })
  return { ...flow, registered, sent }
})

export const redirectVariantGatherers = [redirectVariantsGatherer, loopbackPortGatherer]
