/**
 * ID token scenarios (OIDC Core §2, §3.1.3.7, §12.2): a second login of the same user (for the
 * time claims, judged against the moment the token arrived, and for `sub` stability), and
 * variations of it that reuse its session: no `nonce`, `max_age`, `acr_values`, and a refresh.
 * The HMAC verification of an HS* ID token (with the client secret) also happens here, so the
 * checks stay pure.
 */
import { jwtVerify } from 'jose'
import type { CookieJar } from 'tough-cookie'
import type { Exchange } from '../../../../reports/run-result.js'
import { defaultScope } from '../../../flows/authorization-request.js'
import { primaryClient, scopeIncludes } from '../../../flows/clients.js'
import type { AuthorizeOptions, CodeFlowState } from '../../../flows/code-flow.js'
import { attemptCodeFlow, flowAttemptOf } from '../../../flows/flow-attempt.js'
import { type IdTokenInspection, inspectIdToken } from '../../../flows/id-token.js'
import { required, step } from '../../../flows/step-list.js'
import { refresh } from '../../../flows/token-calls.js'
import { DriveError, EvidenceUnavailable } from '../../../harness/evidence.js'
import { type AnyGatherer, defineGatherer, type GatherContext } from '../../../harness/gatherer.js'

/** One ID token, with how it was obtained. */
export interface IdTokenSample {
  label: string
  clientId: string
  /** The authorization request's parameters. */
  request: Record<string, string>
  /** Undefined when the token response carried no `id_token`. */
  idToken?: IdTokenInspection
  accessToken?: string
  refreshToken?: string
  /** When the token response arrived, in seconds since the epoch (the suite's clock). */
  receivedAt: number
  exchanges: Exchange[]
}

/** The authorization request was refused (an error redirect or a page) instead of giving a code. */
export interface RefusedAuthorization {
  label: string
  request: Record<string, string>
  refused: { error?: string; status?: number }
  exchanges: Exchange[]
}

export interface IdTokenRefreshEvidence {
  original: IdTokenSample
  /** Absent with the reason when no refresh token was issued. */
  noRefreshToken?: string
  refresh?: { status: number; body?: Record<string, unknown>; exchange: Exchange; idToken?: IdTokenInspection }
}

export type IdTokenHmacEvidence =
  | { applicable: false; alg?: string }
  | {
      applicable: true
      alg: string
      verified: boolean
      error?: string
      /** Length of the client secret in octets (UTF-8), which is the HMAC key. */
      secretOctets?: number
    }

declare module '../../../harness/evidence.js' {
  interface Evidence {
    /** A second, fresh login of the primary user with the primary client. */
    idTokenFlow: IdTokenSample
    idTokenWithoutNonce: IdTokenSample | RefusedAuthorization
    idTokenMaxAge: IdTokenSample & { maxAge: number }
    idTokenAcr: (IdTokenSample & { acrValues: string[] }) | (RefusedAuthorization & { acrValues: string[] })
    idTokenRefresh: IdTokenRefreshEvidence
    idTokenHmac: IdTokenHmacEvidence
  }
}

const seconds = () => Math.floor(Date.now() / 1000)

/** A valid code exchange must give an access token; otherwise the suite could not drive the target. */
const expectAccessToken = step<CodeFlowState, GatherContext>('tokens', async (state) => {
  const token = required(state, 'token', 'tokens')
  if (token.status !== 200 || state.accessToken === undefined) {
    throw new DriveError(`${state.options.label}: the token endpoint answered ${token.status} to a valid code exchange`)
  }
  return state
})

/**
 * The code flow that takes whatever the authorization endpoint answers, requires tokens once a
 * code came back, and reads the ID token; the redeem step notes when the token response arrived.
 */
const idTokenFlow = attemptCodeFlow.insertAfter('redeem', expectAccessToken)

/**
 * Authorizes, redeems the code and reads the ID token, noting when the token response arrived.
 * A refused authorization is returned as such (the caller decides whether that is a finding).
 */
async function timedFlow(
  context: GatherContext,
  options: AuthorizeOptions,
): Promise<(IdTokenSample & { jar: CookieJar }) | (RefusedAuthorization & { jar: CookieJar })> {
  const flow = flowAttemptOf(await idTokenFlow.run(context, { options }))
  const { attempt, token } = flow
  const { result, request } = attempt
  const exchanges = [...result.exchanges]
  if (result.kind === 'page' || !token || !flow.accessToken) {
    return {
      label: options.label,
      request: request.params,
      refused:
        result.kind === 'page'
          ? { status: result.status }
          : { ...(result.params.error ? { error: result.params.error } : {}) },
      exchanges,
      jar: attempt.jar,
    }
  }
  exchanges.push(token.exchange)
  return {
    label: options.label,
    clientId: request.client.client_id,
    request: request.params,
    ...(flow.idToken ? { idToken: flow.idToken } : {}),
    accessToken: flow.accessToken,
    ...(flow.refreshToken ? { refreshToken: flow.refreshToken } : {}),
    receivedAt: flow.tokenReceivedAt ?? seconds(),
    exchanges,
    jar: attempt.jar,
  }
}

type WithoutJar<T> = T extends unknown ? Omit<T, 'jar'> : never

function strip<T extends { jar?: CookieJar }>(value: T): WithoutJar<T> {
  const { jar: _jar, ...rest } = value
  return rest as WithoutJar<T>
}

/** The session of the second login, cloned so that concurrent scenarios do not share a jar. */
async function session(context: GatherContext): Promise<CookieJar> {
  const jar = sessions.get(context)
  if (!jar) throw new Error('idTokenFlow did not record its session')
  return jar.clone()
}
const sessions = new WeakMap<GatherContext, CookieJar>()

function expectSample(value: IdTokenSample | RefusedAuthorization, what: string): IdTokenSample {
  if ('refused' in value) {
    throw new DriveError(
      `${what}: the authorization request was refused (${value.refused.error ? `error=${value.refused.error}` : `a page, HTTP ${value.refused.status}`})`,
    )
  }
  return value
}

export const idTokenGatherers: AnyGatherer[] = [
  defineGatherer({
    id: 'id-token-flow',
    provides: ['idTokenFlow'],
    gather: async (context) => {
      const flow = await timedFlow(context, { label: 'id token: a second login of the same user' })
      sessions.set(context, flow.jar)
      return { idTokenFlow: expectSample(strip(flow), 'id token: a second login') }
    },
  }),
  // OIDC Core §3.1.2.1: nonce is OPTIONAL in the code flow.
  defineGatherer({
    id: 'id-token-without-nonce',
    provides: ['idTokenWithoutNonce'],
    gather: async (context) => {
      await context.need('idTokenFlow')
      const flow = await timedFlow(context, {
        label: 'id token: an authorization request without nonce',
        jar: await session(context),
        overrides: { nonce: undefined },
      })
      return { idTokenWithoutNonce: strip(flow) }
    },
  }),
  // OIDC Core §3.1.2.1 max_age; the session is seconds old, so the server may reuse it.
  defineGatherer({
    id: 'id-token-max-age',
    provides: ['idTokenMaxAge'],
    gather: async (context) => {
      await context.need('idTokenFlow')
      const maxAge = 300
      const flow = await timedFlow(context, {
        label: `id token: max_age=${maxAge}`,
        jar: await session(context),
        overrides: { max_age: String(maxAge) },
      })
      return { idTokenMaxAge: { ...expectSample(strip(flow), `id token: max_age=${maxAge}`), maxAge } }
    },
  }),
  // OIDC Core §3.1.2.1 acr_values (voluntary), the advertised values when there are any.
  defineGatherer({
    id: 'id-token-acr',
    provides: ['idTokenAcr'],
    gather: async (context) => {
      const { metadata } = await context.need('discovery')
      await context.need('idTokenFlow')
      const advertised = Array.isArray(metadata?.acr_values_supported)
        ? metadata.acr_values_supported.filter((value): value is string => typeof value === 'string')
        : []
      // The example values of OIDC Core §5.5.1.1 when the server advertises none.
      const acrValues =
        advertised.length > 0
          ? advertised.slice(0, 2)
          : ['urn:mace:incommon:iap:silver', 'urn:mace:incommon:iap:bronze']
      const flow = await timedFlow(context, {
        label: `id token: acr_values=${acrValues.join(' ')}`,
        jar: await session(context),
        overrides: { acr_values: acrValues.join(' ') },
      })
      return { idTokenAcr: { ...strip(flow), acrValues } }
    },
  }),
  // OIDC Core §12.2: the ID token of a refresh response.
  defineGatherer({
    id: 'id-token-refresh',
    provides: ['idTokenRefresh'],
    gather: async (context) => {
      const { target } = context
      if (target.capabilities.refresh_tokens === false)
        throw new EvidenceUnavailable(
          'the target file says the server issues no refresh tokens (capabilities.refresh_tokens)',
        )
      await context.need('idTokenFlow')
      const jar = await session(context)
      let original = expectSample(
        strip(await timedFlow(context, { label: 'id token: a flow to refresh', jar })),
        'id token: refresh',
      )
      const client = primaryClient(target)
      if (!original.refreshToken && scopeIncludes(client, 'offline_access')) {
        // OIDC Core §11: offline_access is honoured with prompt=consent.
        original = expectSample(
          strip(
            await timedFlow(context, {
              label: 'id token: a flow to refresh (offline_access)',
              jar,
              scope: `${defaultScope(client)} offline_access`,
              overrides: { prompt: 'consent' },
            }),
          ),
          'id token: refresh with offline_access',
        )
      }
      if (!original.refreshToken) {
        return {
          idTokenRefresh: {
            original,
            noRefreshToken: `no refresh token was issued to client "${client.client_id}" (scope "${original.request.scope}")`,
          },
        }
      }
      const { endpoints } = await context.need('discovery')
      const response = await refresh(context.http, endpoints.token, {
        client,
        refreshToken: original.refreshToken,
        label: 'id token: refresh',
      })
      const raw = response.body?.id_token
      const jwks = typeof raw === 'string' ? await context.need('jwks').catch(() => undefined) : undefined
      return {
        idTokenRefresh: {
          original,
          refresh: {
            status: response.status,
            ...(response.body ? { body: response.body } : {}),
            exchange: response.exchange,
            ...(typeof raw === 'string' ? { idToken: await inspectIdToken(raw, jwks?.keys) } : {}),
          },
        },
      }
    },
  }),
  // OIDC Core §10.1: an HS* ID token is MACed with the client secret's octets.
  defineGatherer({
    id: 'id-token-hmac',
    provides: ['idTokenHmac'],
    gather: async (context) => {
      const { idToken, attempt } = await context.need('happyFlow')
      const alg = idToken?.header?.alg
      if (!idToken || !alg?.startsWith('HS')) return { idTokenHmac: { applicable: false, ...(alg ? { alg } : {}) } }
      const secret = attempt.request.client.client_secret
      if (!secret) return { idTokenHmac: { applicable: true, alg, verified: false, error: 'the client has no secret' } }
      const key = new TextEncoder().encode(secret)
      try {
        await jwtVerify(idToken.raw, key, { algorithms: [alg], clockTolerance: Number.MAX_SAFE_INTEGER })
        return { idTokenHmac: { applicable: true, alg, verified: true, secretOctets: key.length } }
      } catch (error) {
        return {
          idTokenHmac: {
            applicable: true,
            alg,
            verified: false,
            error: (error as Error).message,
            secretOctets: key.length,
          },
        }
      }
    },
  }),
]
