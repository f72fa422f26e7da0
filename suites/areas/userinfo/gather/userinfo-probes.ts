/**
 * UserInfo scenarios (OIDC Core §5.3; RFC 6750 §2–3): one flow of its own (so no other area's
 * revocation or refresh-reuse test can kill the token mid-way), its access token sent every way
 * RFC 6750 allows; then each negative probe (the token in the query or in two places, no token, a
 * made-up token, an alg-none forgery) right after a fresh grant of its own, with the user's
 * session cookie present — the state most favourable to the defect it looks for (a server that
 * lets a session cookie or a recent token stand in for the bearer token). Two more scenarios
 * have tokens of their own: revoked, granted without `openid`.
 */
import { decodeProtectedHeader } from 'jose'
import type { Exchange } from '../../../../reports/run-result.js'
import { primaryClient } from '../../../flows/clients.js'
import { codeFlow, completeFlow } from '../../../flows/code-flow.js'
import { grantSource } from '../../../flows/grant-source.js'
import { type CallResult, revoke, userinfo } from '../../../flows/token-calls.js'
import { DriveError, EvidenceUnavailable } from '../../../harness/evidence.js'
import { type AnyGatherer, defineGatherer, type GatherContext } from '../../../harness/gatherer.js'

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

declare module '../../../harness/evidence.js' {
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
      // Sequential: one token, and the order is the report's order. Only ways of sending it that
      // must work share it: none of them may spend it.
      const postHeader = await send('POST with the Authorization header', { accessToken, method: 'POST' })
      const postBody = await send('POST with access_token in the form body', { accessToken, in: 'body' })
      const lowerScheme = await send('GET with "bearer" in lower case', { accessToken, scheme: 'bearer' })
      const upperScheme = await send('GET with "BEARER" in upper case', { accessToken, scheme: 'BEARER' })
      // Negative probes: each right after a grant of its own (a server may rightly revoke a token
      // it saw in a URL), sent with the session cookie of the same browser.
      const grants = grantSource(context, flow.attempt.request.client, flow.attempt.jar)
      const negative = async (label: string, options: (fresh: string) => Parameters<typeof userinfo>[2]) => {
        const fresh = await grants.next(`userinfo: a fresh grant for "${label}"`)
        return send(label, { ...options(fresh.accessToken), jar: grants.jar })
      }
      const query = await negative('GET with access_token in the query', (token) => ({
        accessToken: token,
        in: 'query',
      }))
      const headerAndBody = await negative('POST with the token in the header and the body', (token) => ({
        accessToken: token,
        in: 'both',
      }))
      const noToken = await negative('GET without any token, with the session cookie', () => ({}))
      const garbage = await negative('GET with a made-up token', (token) => ({
        accessToken: `codeflow-not-a-token-${token.length}x`,
      }))
      // Only JWT access tokens can be re-encoded with alg none.
      const forgedFirst = unsecured(accessToken)
      const algNone =
        forgedFirst === undefined
          ? undefined
          : await negative('GET with the JWT access token re-signed with alg none', (token) => ({
              accessToken: unsecured(token) ?? forgedFirst,
            }))
      const probes: UserinfoProbesEvidence = {
        requestedScope: flow.attempt.request.params.scope ?? '',
        ...(typeof flow.token.body?.scope === 'string' ? { grantedScope: flow.token.body.scope } : {}),
        idTokenSub: flow.idToken?.claims?.sub,
        get: toCall(flow.userinfo!),
        postHeader,
        postBody,
        query,
        lowerScheme,
        upperScheme,
        headerAndBody,
        noToken,
        garbage,
        ...(algNone ? { algNone } : {}),
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
      // The code flow without its UserInfo step: the UserInfo call below is the probe.
      const flow = await completeFlow(
        context,
        { label: 'userinfo: a flow without the openid scope', scope, overrides: { nonce: undefined } },
        codeFlow.remove('userinfo'),
      ).catch((error: unknown) => {
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
