/**
 * Variations of a request that must still succeed: POST, unknown and empty
 * parameters, another order, the OIDC parameters every OP must accept, `claims`, no `nonce`,
 * and the scope edge cases. They share one signed-in session, so each costs a consent at most.
 */
import * as cheerio from 'cheerio'
import { buildAuthorizationRequest, randomToken, s256 } from '../../../flows/authorization-request.js'
import { attemptOnly, longState, scenarioGatherer, sessionJar } from '../../../flows/authorization-scenario.js'
import { primaryClient, publicClient } from '../../../flows/clients.js'
import { attemptFlow, type FlowAttempt } from '../../../flows/flow-attempt.js'
import { type CallResult, userinfo } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import type { GatherContext } from '../../../harness/gatherer.js'
import { registeredWithQuery } from './authorization-bad-requests.js'

export interface MtiAttempt {
  params: Record<string, string>
  flow: FlowAttempt
}

export interface OidcMtiScenario {
  /** display=page with every other parameter at once; when it fails, each parameter again on its own. */
  attempts: MtiAttempt[]
}

export interface ClaimsParamScenario extends FlowAttempt {
  userinfo?: Pick<CallResult, 'status' | 'body' | 'exchange'>
  /** `claims_parameter_supported` from discovery (default false, OIDC Discovery §3). */
  supported: boolean
}

export interface QueryPreservedScenario extends FlowAttempt {
  /** The registered redirect URI with a query, sent exactly. */
  registered: string
}

export interface FormPostScenario extends FlowAttempt {
  /** The auto-submitting form the server rendered, as read from its page. */
  form?: { method?: string; enctype?: string; action?: string }
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    authzPostMethod: FlowAttempt
    authzUnknownParam: FlowAttempt
    authzOrderInsensitive: FlowAttempt
    authzEmptyParams: FlowAttempt
    authzOidcMti: OidcMtiScenario
    authzClaimsParam: ClaimsParamScenario
    authzNonceOptional: FlowAttempt
    authzMissingOpenid: FlowAttempt
    authzInvalidScope: FlowAttempt
    authzConsentPublicClient: FlowAttempt
    authzFormPost: FormPostScenario
    authzRedirectQueryPreserved: QueryPreservedScenario
  }
}

async function inSession(
  context: GatherContext,
  label: string,
  overrides: Record<string, string | undefined> = {},
  extra: { method?: 'POST'; append?: Array<[string, string]>; pkce?: 'none' } = {},
): Promise<FlowAttempt> {
  return attemptOnly(context, { label, jar: await sessionJar(context), overrides, ...extra })
}

export const postMethodGatherer = scenarioGatherer('authzPostMethod', (context) =>
  inSession(context, 'authorization: the request as a form POST', {}, { method: 'POST' }),
)

export const unknownParamGatherer = scenarioGatherer('authzUnknownParam', (context) =>
  inSession(context, 'authorization: unknown parameter extra=foobar', { extra: 'foobar' }),
)

export const emptyParamsGatherer = scenarioGatherer('authzEmptyParams', (context) =>
  inSession(context, 'authorization: empty login_hint and ui_locales', { login_hint: '', ui_locales: '' }),
)

/** Every parameter in reverse order, and the scope list reversed (RFC 6749 §3.3: order does not matter). */
export const orderInsensitiveGatherer = scenarioGatherer('authzOrderInsensitive', async (context) => {
  const { endpoints } = await context.need('discovery')
  const client = primaryClient(context.target)
  const base = buildAuthorizationRequest({ client, authorizationEndpoint: endpoints.authorization, pkce: 'none' })
  const verifier = randomToken(32)
  const all: Array<[string, string]> = [
    ...base.pairs,
    ['code_challenge', s256(verifier)],
    ['code_challenge_method', 'S256'],
  ]
  const pairs = all.map(([name, value]): [string, string] => [
    name,
    name === 'scope' ? value.split(' ').reverse().join(' ') : value,
  ])
  const removeAll = Object.fromEntries(base.pairs.map(([name]) => [name, undefined]))
  return inSession(context, 'authorization: parameters and scope values in reverse order', removeAll, {
    pkce: 'none',
    append: pairs.reverse(),
  })
})

const MTI_PARAMS: Array<Record<string, string>> = [
  { display: 'page' },
  { display: 'popup' },
  { ui_locales: 'en-GB fr' },
  { claims_locales: 'en-GB fr' },
  { login_hint: '' },
  { acr_values: 'urn:codeflow:acr:example' },
]

export const oidcMtiGatherer = scenarioGatherer('authzOidcMti', async (context) => {
  const loginHint = context.target.users[0]!.username
  const fill = (params: Record<string, string>) =>
    'login_hint' in params ? { ...params, login_hint: loginHint } : params
  const combined = fill(Object.assign({}, ...MTI_PARAMS.filter((params) => params.display !== 'popup')))
  const popup = fill({ display: 'popup' })
  const run = async (params: Record<string, string>) => ({
    params,
    flow: await inSession(
      context,
      `authorization: ${Object.keys(params).join(', ')} (OIDC Core §3.1.2.1, §15.1)`,
      params,
    ),
  })
  const attempts = [await run(combined), await run(popup)]
  const failed = attempts[0]!.flow.attempt.result
  if (failed.kind !== 'callback' || failed.params.code === undefined) {
    // Pinpoint which parameter the server refused.
    for (const params of MTI_PARAMS.filter((params) => params.display !== 'popup'))
      attempts.push(await run(fill(params)))
  }
  return { attempts }
})

export const claimsParamGatherer = scenarioGatherer('authzClaimsParam', async (context) => {
  const { metadata, endpoints } = await context.need('discovery')
  const flow = await attemptFlow(context, {
    label: 'authorization: claims={"userinfo":{"name":{"essential":true}}} with scope=openid',
    jar: await sessionJar(context),
    overrides: { scope: 'openid', claims: JSON.stringify({ userinfo: { name: { essential: true } } }) },
  })
  const answer =
    flow.accessToken && endpoints.userinfo
      ? await userinfo(context.http, endpoints.userinfo, {
          accessToken: flow.accessToken,
          label: 'authorization: UserInfo after the claims request',
        })
      : undefined
  return {
    ...flow,
    ...(answer ? { userinfo: { status: answer.status, body: answer.body, exchange: answer.exchange } } : {}),
    supported: metadata?.claims_parameter_supported === true,
  }
})

export const nonceOptionalGatherer = scenarioGatherer('authzNonceOptional', async (context) =>
  attemptFlow(context, {
    label: 'authorization: code flow without nonce',
    jar: await sessionJar(context),
    overrides: { nonce: undefined },
  }),
)

export const missingOpenidGatherer = scenarioGatherer('authzMissingOpenid', async (context) => {
  const client = primaryClient(context.target)
  const scope = client.scope.split(' ').find((value) => value !== 'openid' && value !== 'offline_access')
  if (!scope) throw new EvidenceUnavailable(`client "${client.client_id}" may request no scope other than openid`)
  return attemptFlow(context, {
    label: `authorization: scope=${scope} without openid`,
    jar: await sessionJar(context),
    overrides: { scope, nonce: undefined },
  })
})

export const invalidScopeGatherer = scenarioGatherer('authzInvalidScope', async (context) =>
  attemptFlow(context, {
    label: 'authorization: scope=openid codeflow_not_a_scope',
    jar: await sessionJar(context),
    overrides: { scope: 'openid codeflow_not_a_scope', state: longState() },
  }),
)

/** The public client in a fresh browser: a code must not come back without user interaction. */
export const consentPublicClientGatherer = scenarioGatherer('authzConsentPublicClient', (context) =>
  attemptOnly(context, { label: 'authorization: public client, fresh session', client: publicClient(context.target) }),
)

export const formPostGatherer = scenarioGatherer('authzFormPost', async (context) => {
  const { metadata } = await context.need('discovery')
  const modes = metadata?.response_modes_supported
  if (!Array.isArray(modes) || !modes.includes('form_post'))
    throw new EvidenceUnavailable('"response_modes_supported" does not advertise form_post')
  const flow = await inSession(context, 'authorization: response_mode=form_post', { response_mode: 'form_post' })
  const { result } = flow.attempt
  if (result.kind !== 'callback' || result.mode !== 'form_post') return flow
  const page = result.exchanges.at(-1)?.response?.body ?? ''
  const $ = cheerio.load(page)
  const form = $('form')
    .filter((_, element) => ($(element).attr('method') ?? '').toUpperCase() === 'POST')
    .first()
  return {
    ...flow,
    form: { method: form.attr('method'), enctype: form.attr('enctype'), action: form.attr('action') },
  }
})

/** RFC 6749 §3.1.2: a registered query "MUST be retained when adding additional query parameters". */
export const redirectQueryPreservedGatherer = scenarioGatherer('authzRedirectQueryPreserved', async (context) => {
  const client = context.target.clients.find((candidate) => registeredWithQuery(candidate.redirect_uris))
  if (!client) throw new EvidenceUnavailable('no client in the target file has a registered redirect URI with a query')
  const registered = registeredWithQuery(client.redirect_uris)!
  const flow = await attemptOnly(context, {
    label: 'authorization: registered redirect_uri with a query, sent exactly',
    client,
    jar: await sessionJar(context),
    overrides: { redirect_uri: registered },
  })
  return { ...flow, registered }
})

export const variationGatherers = [
  redirectQueryPreservedGatherer,
  postMethodGatherer,
  unknownParamGatherer,
  emptyParamsGatherer,
  orderInsensitiveGatherer,
  oidcMtiGatherer,
  claimsParamGatherer,
  nonceOptionalGatherer,
  missingOpenidGatherer,
  invalidScopeGatherer,
  consentPublicClientGatherer,
  formPostGatherer,
]
