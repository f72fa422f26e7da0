/**
 * UserInfo scenarios (OIDC Core §5.3; RFC 6750 §2–3): one flow of its own (so no other area's
 * revocation or refresh-reuse test can kill the token mid-way), then the same access token sent
 * every way RFC 6750 knows — and a few it forbids — plus three scenarios with tokens of their
 * own: revoked, granted without `openid`.
 */
import { decodeProtectedHeader } from 'jose'
import { primaryClient } from '../flows/clients.js'
import { completeFlow } from '../flows/code-flow.js'
import { type CallResult, revoke, userinfo } from '../flows/token-calls.js'
import { DriveError, EvidenceUnavailable } from '../harness/evidence.js'
import type { Exchange } from '../harness/exchange.js'
import { type AnyGatherer, defineGatherer, type GatherContext } from '../harness/gatherer.js'

/** One UserInfo request and what came back. */
export interface UserinfoCall {
  status: number
  contentType?: string
  wwwAuthenticate?: string
  cacheControl?: string
  /** The JSON object body, if any. */
  body?: Record<string, unknown>
  exchange: Exchange
}

export interface UserinfoProbesEvidence {
  /** The authorization request's scope, and the scope the token response reports (if any). */
  requestedScope: string
  grantedScope?: string
  idTokenSub?: unknown
  get: UserinfoCall
  postHeader: UserinfoCall
  postBody: UserinfoCall
  query: UserinfoCall
  lowerScheme: UserinfoCall
  upperScheme: UserinfoCall
  headerAndBody: UserinfoCall
  noToken: UserinfoCall
  garbage: UserinfoCall
  /** Only when the access token is a JWT: the same token with `alg: none` and no signature. */
  algNone?: UserinfoCall
}

export type UserinfoRevokedEvidence =
  | { available: false; reason: string }
  | { available: true; revocation: { status: number; exchange: Exchange }; before: UserinfoCall; after: UserinfoCall }

export interface UserinfoWithoutOpenidEvidence {
  requestedScope: string
  grantedScope?: string
  call: UserinfoCall
}

declare module '../harness/evidence.js' {
  interface Evidence {
    userinfoProbes: UserinfoProbesEvidence
    userinfoRevoked: UserinfoRevokedEvidence
    userinfoWithoutOpenid: UserinfoWithoutOpenidEvidence
  }
}

export function toCall(result: CallResult): UserinfoCall {
  return {
    status: result.status,
    ...(result.contentType ? { contentType: result.contentType } : {}),
    ...(result.headers.get('www-authenticate') ? { wwwAuthenticate: result.headers.get('www-authenticate')! } : {}),
    ...(result.headers.get('cache-control') ? { cacheControl: result.headers.get('cache-control')! } : {}),
    ...(result.body ? { body: result.body } : {}),
    exchange: result.exchange,
  }
}

async function endpointOf(context: GatherContext): Promise<string> {
  const { endpoints } = await context.need('discovery')
  if (!endpoints.userinfo) throw new EvidenceUnavailable('the server publishes no userinfo_endpoint')
  return endpoints.userinfo
}

/** The JWT with its header's alg replaced by "none" and the signature removed (RFC 7519 §6). */
function unsecured(jwt: string): string | undefined {
  const parts = jwt.split('.')
  if (parts.length !== 3) return undefined
  try {
    const header = decodeProtectedHeader(jwt)
    const forged = Buffer.from(JSON.stringify({ ...header, alg: 'none' })).toString('base64url')
    return `${forged}.${parts[1]}.`
  } catch {
    return undefined
  }
}

export const userinfoGatherers: AnyGatherer[] = [
  defineGatherer({
    id: 'userinfo-probes',
    provides: ['userinfoProbes'],
    gather: async (context) => {
      const endpoint = await endpointOf(context)
      const flow = await completeFlow(context, { label: 'userinfo: a flow for the UserInfo requests' })
      const accessToken = flow.accessToken!
      const send = async (label: string, options: Parameters<typeof userinfo>[2]) =>
        toCall(await userinfo(context.http, endpoint, { ...options, label: `userinfo: ${label}` }))
      const forged = unsecured(accessToken)
      // Sequential: one token, and the order is the report's order.
      const probes: UserinfoProbesEvidence = {
        requestedScope: flow.attempt.request.params.scope ?? '',
        ...(typeof flow.token.body?.scope === 'string' ? { grantedScope: flow.token.body.scope } : {}),
        idTokenSub: flow.idToken?.claims?.sub,
        get: toCall(flow.userinfo!),
        postHeader: await send('POST with the Authorization header', { accessToken, method: 'POST' }),
        postBody: await send('POST with access_token in the form body', { accessToken, in: 'body' }),
        query: await send('GET with access_token in the query', { accessToken, in: 'query' }),
        lowerScheme: await send('GET with "bearer" in lower case', { accessToken, scheme: 'bearer' }),
        upperScheme: await send('GET with "BEARER" in upper case', { accessToken, scheme: 'BEARER' }),
        headerAndBody: await send('POST with the token in the header and the body', { accessToken, in: 'both' }),
        noToken: await send('GET without any token', {}),
        garbage: await send('GET with a made-up token', { accessToken: `codeflow-not-a-token-${accessToken.length}x` }),
        ...(forged
          ? { algNone: await send('GET with the JWT access token re-signed with alg none', { accessToken: forged }) }
          : {}),
      }
      return { userinfoProbes: probes }
    },
  }),
  // RFC 6750 §3.1 invalid_token for a revoked token (RFC 7009), when revocation is advertised.
  defineGatherer({
    id: 'userinfo-revoked',
    provides: ['userinfoRevoked'],
    gather: async (context) => {
      const endpoint = await endpointOf(context)
      const { endpoints } = await context.need('discovery')
      if (!endpoints.revocation)
        return { userinfoRevoked: { available: false, reason: 'the server advertises no revocation_endpoint' } }
      const flow = await completeFlow(context, { label: 'userinfo: a flow whose access token is revoked' })
      const client = flow.attempt.request.client
      const revocation = await revoke(context.http, endpoints.revocation, {
        client,
        token: flow.accessToken,
        hint: 'access_token',
        label: 'userinfo: revoke the access token',
      })
      const after = await userinfo(context.http, endpoint, {
        accessToken: flow.accessToken,
        label: 'userinfo: GET with the revoked access token',
      })
      return {
        userinfoRevoked: {
          available: true,
          revocation: { status: revocation.status, exchange: revocation.exchange },
          before: toCall(flow.userinfo!),
          after: toCall(after),
        },
      }
    },
  }),
  // OIDC Core §5.3: UserInfo serves tokens from an OpenID Connect request; this one has no openid.
  defineGatherer({
    id: 'userinfo-without-openid',
    provides: ['userinfoWithoutOpenid'],
    gather: async (context) => {
      const endpoint = await endpointOf(context)
      const client = primaryClient(context.target)
      const scope = client.scope
        .split(' ')
        .filter((value) => value && value !== 'openid' && value !== 'offline_access')
        .join(' ')
      if (!scope)
        throw new EvidenceUnavailable(
          `client "${client.client_id}" may only request "openid"; a token without it needs another scope`,
        )
      const flow = await completeFlow(context, {
        label: 'userinfo: a flow without the openid scope',
        scope,
        overrides: { nonce: undefined },
        skipUserinfo: true,
      }).catch((error: unknown) => {
        // A server may refuse plain OAuth requests (OIDC-only deployments): nothing to judge then.
        if (error instanceof DriveError)
          throw new EvidenceUnavailable(`no access token without "openid" could be obtained: ${error.message}`)
        throw error
      })
      const call = await userinfo(context.http, endpoint, {
        accessToken: flow.accessToken,
        label: 'userinfo: GET with an access token granted without openid',
      })
      return {
        userinfoWithoutOpenid: {
          requestedScope: scope,
          ...(typeof flow.token.body?.scope === 'string' ? { grantedScope: flow.token.body.scope } : {}),
          call: toCall(call),
        },
      }
    },
  }),
]
