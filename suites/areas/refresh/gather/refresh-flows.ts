/**
 * Refresh token scenarios (RFC 6749 §6; RFC 9700 §4.14.2; OIDC Core §11, §12): flows of their own,
 * so that rotating and revoking refresh tokens never disturbs the happy flow other checks judge.
 *
 * - `refreshChain`: one grant refreshed in sequence — the original scope, a narrower one, no scope
 *   (which scope does the new refresh token carry?), then the rotated-out token again and the
 *   newest one after that; and, on a grant of its own, a refresh asking for a wider scope.
 * - `refreshBinding`: a bogus token, then one fresh grant per negative probe (another client, no
 *   client authentication, concurrent use), each obtained right before its probe so that no probe
 *   meets a refresh token an earlier one rotated or got revoked (which would hide the defect).
 * - `refreshPublic`: a public client's grant refreshed twice (rotation, RFC 9700 §4.14.2).
 * - `offlineAccess`: `offline_access` with and without `prompt=consent` (OIDC Core §11).
 */
import { defaultScope, randomToken } from '../../../flows/authorization-request.js'
import { otherConfidentialClient, primaryClient, publicClient, scopeIncludes } from '../../../flows/clients.js'
import { type FlowAttempt, flowWithTokens, grantedScope } from '../../../flows/flow-attempt.js'
import { grantSource } from '../../../flows/grant-source.js'
import { type CallResult, introspect, refresh, tokenCall } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'
import type { Unavailable } from '../../../harness/unavailable.js'

export interface RefreshStep {
  /** The scope sent with the refresh request (undefined: none sent). */
  scope?: string
  call: CallResult
  /** The refresh token that was presented was replaced by a different one in this response. */
  rotated: boolean
}

export type RefreshChainEvidence =
  | {
      issued: false
      /** The code exchange that carried no refresh token although the target declares refresh tokens. */
      token: CallResult
      clientId: string
    }
  | {
      issued: true
      clientId: string
      /** The code exchange and the scope it granted. */
      token: CallResult
      grantedScope: string[]
      refreshToken: string
      accessToken: string
      /** Refresh with the original scope. */
      works: RefreshStep
      /** Refresh with a subset of the granted scope, and (when available) the new access token's introspection. */
      narrowing: (RefreshStep & { subset: string[]; introspection?: CallResult }) | Unavailable
      /** After a narrowing that issued a new refresh token: refresh without scope. */
      afterNarrowing: RefreshStep | Unavailable
      /** Refresh asking for a scope that was never granted. */
      escalation: RefreshStep & { notGranted: string }
      /** After rotation: the first (rotated-out) refresh token again, then the newest one. */
      reuse: { oldToken: CallResult; newestToken: CallResult } | Unavailable
    }

export interface RefreshBindingEvidence {
  clientId: string
  bogus: CallResult
  otherClient: { clientId: string; call: CallResult } | Unavailable
  withoutAuthentication: CallResult | Unavailable
  /** Parallel refreshes with one refresh token. */
  concurrent: CallResult[]
}

export type RefreshPublicEvidence =
  | Unavailable
  | { clientId: string; token: CallResult; refreshToken?: string; first?: RefreshStep; second?: RefreshStep }

export interface OfflineAccessEvidence {
  scope: string
  withConsentPrompt: FlowAttempt
  withoutConsentPrompt: FlowAttempt
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    refreshChain: RefreshChainEvidence
    refreshBinding: RefreshBindingEvidence
    refreshPublic: RefreshPublicEvidence
    offlineAccess: OfflineAccessEvidence | Unavailable
  }
}

const NO_REFRESH_DECLARED =
  'the target file declares that the server issues no refresh tokens (capabilities.refresh_tokens: false)'
const NO_REFRESH_ISSUED =
  'the code exchange returned no refresh token (declare capabilities.refresh_tokens: true in the target file if the server should issue one)'

function newRefreshToken(call: CallResult, presented: string): string | undefined {
  const token =
    call.status === 200 && typeof call.body?.refresh_token === 'string' ? call.body.refresh_token : undefined
  return token !== undefined && token !== presented ? token : undefined
}

/** Picks the requested scope and a scope the client may ask for but was not granted. */
export function planScopes(clientScope: string): { requested: string[]; notGranted: string } {
  const all = defaultScope({ scope: clientScope } as Parameters<typeof defaultScope>[0]).split(' ')
  const others = all.filter((scope) => scope !== 'openid')
  if (others.length >= 2) {
    const notGranted = others[others.length - 1]!
    return { requested: all.filter((scope) => scope !== notGranted), notGranted }
  }
  return { requested: all, notGranted: `codeflow-never-granted-${randomToken(4)}` }
}

async function refreshStep(
  context: GatherContext,
  client: ReturnType<typeof primaryClient>,
  presented: string,
  scope: string | undefined,
  label: string,
): Promise<RefreshStep & { next: string }> {
  const { endpoints } = await context.need('discovery')
  const call = await refresh(context.http, endpoints.token, { client, refreshToken: presented, scope, label })
  const renewed = newRefreshToken(call, presented)
  return { scope, call, rotated: renewed !== undefined, next: renewed ?? presented }
}

const strip = ({ next: _next, ...step }: RefreshStep & { next: string }): RefreshStep => step

export const refreshChainGatherer = defineGatherer({
  id: 'refresh-chain',
  provides: ['refreshChain'],
  gather: async (context) => {
    const declared = context.target.capabilities.refresh_tokens
    if (declared === false) throw new EvidenceUnavailable(NO_REFRESH_DECLARED)
    const client = primaryClient(context.target)
    const { requested, notGranted } = planScopes(client.scope)
    const flow = await flowWithTokens(context, { label: 'refresh: grant', client, scope: requested.join(' ') })
    if (!flow.refreshToken) {
      if (declared === true) return { refreshChain: { issued: false, token: flow.token, clientId: client.client_id } }
      throw new EvidenceUnavailable(NO_REFRESH_ISSUED)
    }
    const granted = grantedScope(flow.token, requested.join(' '))
    const first = flow.refreshToken
    const works = await refreshStep(context, client, first, granted.join(' '), 'refresh: with the original scope')
    let latest = works.next

    let narrowing: Extract<RefreshChainEvidence, { issued: true }>['narrowing']
    let afterNarrowing: RefreshStep | Unavailable = {
      unavailable: 'the narrowing refresh issued no new refresh token',
    }
    const subset = granted.includes('openid') && granted.length > 1 ? ['openid'] : granted.slice(0, 1)
    if (granted.length < 2) {
      narrowing = { unavailable: `the granted scope "${granted.join(' ')}" has no proper subset to narrow to` }
    } else {
      const step = await refreshStep(context, client, latest, subset.join(' '), 'refresh: with a narrower scope')
      latest = step.next
      const { endpoints } = await context.need('discovery')
      const newAccessToken = typeof step.call.body?.access_token === 'string' ? step.call.body.access_token : undefined
      const introspection =
        endpoints.introspection && newAccessToken
          ? await introspect(context.http, endpoints.introspection, {
              client,
              token: newAccessToken,
              label: 'refresh: introspect the narrowed access token',
            })
          : undefined
      narrowing = { ...strip(step), subset, ...(introspection ? { introspection } : {}) }
      if (step.rotated) {
        const next = await refreshStep(context, client, latest, undefined, 'refresh: the narrowed grant without scope')
        latest = next.next
        afterNarrowing = strip(next)
      }
    }

    // The escalation gets a grant of its own, refreshed at once: a live refresh token carrying the
    // whole grant, whatever the narrowing above did to the chain's.
    const forEscalation = await flowWithTokens(context, {
      label: 'refresh: a grant for the wider-scope request',
      client,
      scope: requested.join(' '),
      jar: flow.attempt.jar,
    })
    const wider = [...grantedScope(forEscalation.token, requested.join(' ')), notGranted].join(' ')
    const escalation = forEscalation.refreshToken
      ? await refreshStep(
          context,
          client,
          forEscalation.refreshToken,
          wider,
          'refresh: asking for a scope never granted',
        )
      : await refreshStep(context, client, latest, wider, 'refresh: asking for a scope never granted')

    let reuse: Extract<RefreshChainEvidence, { issued: true }>['reuse'] = {
      unavailable: 'the server does not rotate refresh tokens (the first refresh returned no new one)',
    }
    if (works.rotated) {
      const { endpoints } = await context.need('discovery')
      const oldToken = await refresh(context.http, endpoints.token, {
        client,
        refreshToken: first,
        label: 'refresh: the rotated-out refresh token again',
      })
      const newestToken = await refresh(context.http, endpoints.token, {
        client,
        refreshToken: latest,
        label: 'refresh: the newest refresh token after the reuse',
      })
      reuse = { oldToken, newestToken }
    }

    return {
      refreshChain: {
        issued: true,
        clientId: client.client_id,
        token: flow.token,
        grantedScope: granted,
        refreshToken: first,
        accessToken: flow.accessToken,
        works: strip(works),
        narrowing,
        afterNarrowing,
        escalation: { ...strip(escalation), notGranted },
        reuse,
      },
    }
  },
})

/** The refresh scenarios only run when the chain found refresh tokens. */
async function requireRefreshTokens(context: GatherContext): Promise<void> {
  const chain = await context.need('refreshChain')
  if (!chain.issued) throw new EvidenceUnavailable('no refresh token was issued (see rt.refresh-works)')
}

export const refreshBindingGatherer = defineGatherer({
  id: 'refresh-binding',
  provides: ['refreshBinding'],
  gather: async (context) => {
    await requireRefreshTokens(context)
    const client = primaryClient(context.target)
    const { endpoints } = await context.need('discovery')
    const bogus = await refresh(context.http, endpoints.token, {
      client,
      refreshToken: randomToken(32),
      label: 'refresh: a refresh token the server never issued',
    })
    const grants = grantSource(context, client)
    /** A live refresh token no other probe has used, from a grant obtained just now. */
    const freshRefreshToken = async (what: string): Promise<string> => {
      const grant = await grants.next(`refresh: a fresh grant for ${what}`)
      if (!grant.refreshToken) throw new EvidenceUnavailable(`the code exchange for ${what} returned no refresh token`)
      return grant.refreshToken
    }

    let otherClient: RefreshBindingEvidence['otherClient']
    try {
      const other = otherConfidentialClient(context.target, client)
      const token = await freshRefreshToken('another client')
      const call = await refresh(context.http, endpoints.token, {
        client: other,
        refreshToken: token,
        label: `refresh: client "${other.client_id}" presents the refresh token of "${client.client_id}"`,
      })
      otherClient = { clientId: other.client_id, call }
    } catch (error) {
      if (!(error instanceof EvidenceUnavailable)) throw error
      otherClient = { unavailable: error.reason }
    }

    const withoutAuthentication: RefreshBindingEvidence['withoutAuthentication'] =
      client.token_endpoint_auth_method === 'none'
        ? { unavailable: 'the primary client is public: it has no credentials to leave out' }
        : await tokenCall(context.http, endpoints.token, {
            client,
            auth: 'none',
            form: {
              grant_type: 'refresh_token',
              refresh_token: await freshRefreshToken('the refresh without client authentication'),
              client_id: client.client_id,
            },
            label: 'refresh: a confidential client without its credentials',
          })

    const shared = await freshRefreshToken('the concurrent refreshes')
    const concurrent = await context.simultaneously('rt.concurrent-refresh', () =>
      Promise.all(
        [1, 2, 3].map((n) =>
          refresh(context.http, endpoints.token, {
            client,
            refreshToken: shared,
            label: `refresh: concurrent request ${n}`,
          }),
        ),
      ),
    )
    return {
      refreshBinding: { clientId: client.client_id, bogus, otherClient, withoutAuthentication, concurrent },
    }
  },
})

export const refreshPublicGatherer = defineGatherer({
  id: 'refresh-public',
  provides: ['refreshPublic'],
  gather: async (context) => {
    await requireRefreshTokens(context)
    let client: ReturnType<typeof publicClient>
    try {
      client = publicClient(context.target)
    } catch (error) {
      if (error instanceof EvidenceUnavailable) return { refreshPublic: { unavailable: error.reason } }
      throw error
    }
    const flow = await flowWithTokens(context, { label: 'refresh: public client grant', client })
    if (!flow.refreshToken) return { refreshPublic: { clientId: client.client_id, token: flow.token } }
    const first = await refreshStep(
      context,
      client,
      flow.refreshToken,
      undefined,
      'refresh: public client, first refresh',
    )
    const second = await refreshStep(context, client, first.next, undefined, 'refresh: public client, second refresh')
    return {
      refreshPublic: {
        clientId: client.client_id,
        token: flow.token,
        refreshToken: flow.refreshToken,
        first: strip(first),
        second: strip(second),
      },
    }
  },
})

export const offlineAccessGatherer = defineGatherer({
  id: 'offline-access',
  provides: ['offlineAccess'],
  gather: async (context) => {
    const client = primaryClient(context.target)
    if (!scopeIncludes(client, 'offline_access')) {
      return {
        offlineAccess: {
          unavailable: `client "${client.client_id}" may not request "offline_access" (its scope in the target file)`,
        },
      }
    }
    const scope = `${defaultScope(client)} offline_access`
    const [withConsentPrompt, withoutConsentPrompt] = await Promise.all([
      flowWithTokens(context, {
        label: 'offline_access with prompt=consent',
        client,
        scope,
        overrides: { prompt: 'consent' },
      }),
      flowWithTokens(context, { label: 'offline_access without prompt=consent', client, scope }),
    ])
    return { offlineAccess: { scope, withConsentPrompt, withoutConsentPrompt } }
  },
})

export const refreshGathererList = [
  refreshChainGatherer,
  refreshBindingGatherer,
  refreshPublicGatherer,
  offlineAccessGatherer,
]
