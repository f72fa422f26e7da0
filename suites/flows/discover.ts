/**
 * Discovery: fetch the provider metadata (OIDC Discovery §4) and the JWK Set, and resolve the
 * endpoints every other flow uses (the target file's `endpoints` override discovery).
 */
import type { JWK } from 'jose'
import type { Exchange } from '../../reports/run-result.js'
import { DriveError, EvidenceUnavailable } from '../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../harness/gatherer.js'
import { isObject } from '../harness/is-object.js'
import { discoveryUrl } from '../harness/target.js'

export interface ResolvedEndpoints {
  authorization: string
  token: string
  userinfo?: string
  jwks?: string
  revocation?: string
  introspection?: string
  endSession?: string
}

export interface DiscoveryEvidence {
  /** Undefined for a plain OAuth server described without discovery. */
  url?: string
  exchange?: Exchange
  status?: number
  contentType?: string
  /** The parsed document when it is a JSON object. */
  metadata?: Record<string, unknown>
  endpoints: ResolvedEndpoints
}

export interface JwksEvidence {
  url: string
  exchange: Exchange
  status: number
  contentType?: string
  keys?: JWK[]
  /** The raw parsed body, for shape checks. */
  body: unknown
}

export interface Rfc8414Evidence {
  url: string
  exchange: Exchange
  status: number
  metadata?: Record<string, unknown>
}

declare module '../harness/evidence.js' {
  interface Evidence {
    discovery: DiscoveryEvidence
    jwks: JwksEvidence
    rfc8414Metadata: Rfc8414Evidence
  }
}

export const discoveryGatherer = defineGatherer({
  id: 'discovery',
  provides: ['discovery'],
  gather: async ({ target, http }) => {
    const overrides = target.endpoints
    const url = discoveryUrl(target)
    if (!url) {
      return {
        discovery: {
          endpoints: {
            authorization: overrides.authorization!,
            token: overrides.token!,
            userinfo: overrides.userinfo,
            jwks: overrides.jwks,
            revocation: overrides.revocation,
            introspection: overrides.introspection,
            endSession: overrides.end_session,
          },
        },
      }
    }
    const response = await http.send({ url, kind: 'metadata', label: 'discovery: fetch the provider configuration' })
    const metadata = isObject(response.json) ? response.json : undefined
    const advertised = (name: string) => (typeof metadata?.[name] === 'string' ? (metadata[name] as string) : undefined)
    const authorization = overrides.authorization ?? advertised('authorization_endpoint')
    const token = overrides.token ?? advertised('token_endpoint')
    if (!authorization || !token) {
      throw new DriveError(
        `discovery at ${url} answered ${response.status} without usable authorization_endpoint/token_endpoint; set "endpoints" in the target file or fix discovery`,
      )
    }
    return {
      discovery: {
        url,
        exchange: response.exchange,
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        metadata,
        endpoints: {
          authorization,
          token,
          userinfo: overrides.userinfo ?? advertised('userinfo_endpoint'),
          jwks: overrides.jwks ?? advertised('jwks_uri'),
          revocation: overrides.revocation ?? advertised('revocation_endpoint'),
          introspection: overrides.introspection ?? advertised('introspection_endpoint'),
          endSession: overrides.end_session ?? advertised('end_session_endpoint'),
        },
      },
    }
  },
})

export const jwksGatherer = defineGatherer({
  id: 'jwks',
  provides: ['jwks'],
  gather: async (context) => {
    const url = (await context.need('discovery')).endpoints.jwks
    if (!url) throw new EvidenceUnavailable('the server publishes no jwks_uri')
    const response = await context.http.send({ url, kind: 'metadata', label: 'jwks: fetch the JWK Set' })
    const body = response.json
    const keys = isObject(body) && Array.isArray(body.keys) ? (body.keys as JWK[]) : undefined
    return {
      jwks: {
        url,
        exchange: response.exchange,
        status: response.status,
        contentType: response.headers.get('content-type') ?? undefined,
        keys,
        body,
      },
    }
  },
})

/** RFC 8414 §3: the well-known URI is inserted between the host and the issuer's path. */
export function rfc8414Url(issuer: string): string {
  const url = new URL(issuer)
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')
  return `${url.origin}/.well-known/oauth-authorization-server${path}`
}

export const rfc8414Gatherer = defineGatherer({
  id: 'rfc8414-metadata',
  provides: ['rfc8414Metadata'],
  gather: async ({ target, http }: GatherContext) => {
    const url = rfc8414Url(target.issuer)
    const response = await http.send({
      url,
      kind: 'metadata',
      label: 'discovery: fetch RFC 8414 authorization server metadata',
    })
    return {
      rfc8414Metadata: {
        url,
        exchange: response.exchange,
        status: response.status,
        metadata: isObject(response.json) ? response.json : undefined,
      },
    }
  },
})
