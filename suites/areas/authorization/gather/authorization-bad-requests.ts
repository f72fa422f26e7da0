/**
 * Authorization requests that must fail: a bad client or redirect URI (an error
 * page, never a redirect: RFC 6749 §4.1.2.1) and the ordinary errors (an error redirect or a
 * page, never a code). Each is one variation of the happy request in a fresh browser, so a
 * correct server answers before any login: one request per scenario.
 */

import { randomToken, s256 } from '../../../flows/authorization-request.js'
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
import type { GatherContext } from '../../../harness/gatherer.js'
import type { TargetClient } from '../../../harness/target.js'
import { REFLECTION_STATE } from '../../state/checks/reflection-payload.js'

export interface BadRedirectScenario extends FlowAttempt {
  /** The redirect URI sent (or undefined when omitted). */
  sent?: string
}

export interface RedirectMissingScenario extends FlowAttempt {
  /** Whether the request was an OpenID Connect request (scope contains openid). */
  openid: boolean
  registeredCount: number
}

export interface RequestObjectScenario {
  /** An unsigned (alg "none") Request Object whose state differs from the query's. */
  request: FlowAttempt & { objectState: string; queryState: string }
  /** A request_uri (the suite cannot host one the server can reach; see the check). */
  requestUri: FlowAttempt
  metadata: {
    requestParameterSupported?: unknown
    requestUriParameterSupported?: unknown
    requestObjectSigningAlgs?: unknown
  }
}

export interface AutoRedirectScenario {
  responseType: FlowAttempt
  responseTypePromptNone: FlowAttempt
  scope: FlowAttempt
  scopePromptNone: FlowAttempt
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    authzClientIdMissing: BadRedirectScenario
    authzClientIdUnknown: BadRedirectScenario
    authzRedirectUnregistered: BadRedirectScenario
    authzRedirectQueryAdded: BadRedirectScenario
    authzRedirectQueryMismatch: BadRedirectScenario
    authzRedirectCodePollution: BadRedirectScenario
    authzRedirectFragment: BadRedirectScenario
    authzRedirectMissing: RedirectMissingScenario
    authzDuplicateParam: FlowAttempt
    authzResponseTypeMissing: FlowAttempt
    authzResponseTypeUnknown: FlowAttempt
    authzResponseTypeToken: FlowAttempt & { advertised: string[] | undefined }
    authzResponseModeUnknown: FlowAttempt
    authzRequestObject: RequestObjectScenario
    authzAutoRedirect: AutoRedirectScenario
  }
}

/** A request whose redirect must not be followed: every client origin counts as "redirected". */
async function badRedirect(
  context: GatherContext,
  label: string,
  redirectUri: string | undefined,
  overrides: Record<string, string | undefined> = {},
  client: TargetClient = primaryClient(context.target),
): Promise<BadRedirectScenario> {
  const { endpoints } = await context.need('discovery')
  const uris = [...client.redirect_uris, ...(redirectUri ? [redirectUri] : []), ATTACKER_REDIRECT_URI]
  const flow = await attemptOnly(context, {
    label,
    client,
    overrides: { redirect_uri: redirectUri, state: longState(), ...overrides },
    extraClientUris: [ATTACKER_REDIRECT_URI, ...originWide(uris, endpoints.authorization)],
  })
  return { ...flow, sent: redirectUri }
}

/** Appends `name=value` to a URI's query (keeping an existing query). */
export function withQuery(uri: string, name: string, value: string): string {
  const [base, fragment] = splitFragment(uri)
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?'
  return `${base}${separator}${name}=${value}${fragment}`
}

function splitFragment(uri: string): [string, string] {
  const index = uri.indexOf('#')
  return index === -1 ? [uri, ''] : [uri.slice(0, index), uri.slice(index)]
}

/** Inserts a path segment after the registered path (before its query). */
export function withPathSuffix(uri: string, suffix: string): string {
  const url = new URL(uri)
  const index = uri.indexOf(url.search || url.hash || '\u0000')
  const head = index === -1 ? uri : uri.slice(0, index)
  const tail = index === -1 ? '' : uri.slice(index)
  return `${head.replace(/\/$/, '')}/${suffix}${tail}`
}

export const clientIdMissingGatherer = scenarioGatherer('authzClientIdMissing', (context) =>
  badRedirect(context, 'authorization: client_id omitted', plainRedirectUri(primaryClient(context.target)), {
    client_id: undefined,
  }),
)

export const clientIdUnknownGatherer = scenarioGatherer('authzClientIdUnknown', (context) =>
  badRedirect(context, 'authorization: unknown client_id with an attacker redirect_uri', ATTACKER_REDIRECT_URI, {
    client_id: `codeflow-unknown-${randomToken(8)}`,
    state: REFLECTION_STATE,
  }),
)

export const redirectUnregisteredGatherer = scenarioGatherer('authzRedirectUnregistered', (context) =>
  badRedirect(
    context,
    'authorization: redirect_uri with an unregistered path suffix',
    withPathSuffix(plainRedirectUri(primaryClient(context.target)), `codeflow-${randomToken(6)}`),
  ),
)

export const redirectQueryAddedGatherer = scenarioGatherer('authzRedirectQueryAdded', (context) =>
  badRedirect(
    context,
    'authorization: redirect_uri with an added query parameter',
    withQuery(plainRedirectUri(primaryClient(context.target)), 'extra', 'x'),
  ),
)

export const redirectCodePollutionGatherer = scenarioGatherer('authzRedirectCodePollution', (context) =>
  badRedirect(
    context,
    'authorization: redirect_uri with an injected code parameter',
    withQuery(plainRedirectUri(primaryClient(context.target)), 'code', 'codeflow-attacker-code'),
  ),
)

/** A registered redirect URI with a non-empty query, with one query value changed. */
export const redirectQueryMismatchGatherer = scenarioGatherer('authzRedirectQueryMismatch', (context) => {
  const client = primaryClientWithQueryUri(context)
  const registered = registeredWithQuery(client.redirect_uris)!
  const url = new URL(registered)
  const [name, value] = [...url.searchParams][0]!
  url.searchParams.set(name, `${value}-codeflow`)
  const changed = url.toString()
  return badRedirect(context, 'authorization: registered query value changed', changed, {}, client)
})

export const redirectFragmentGatherer = scenarioGatherer('authzRedirectFragment', (context) =>
  badRedirect(
    context,
    'authorization: redirect_uri with a fragment',
    `${plainRedirectUri(primaryClient(context.target))}#codeflow`,
  ),
)

export const redirectMissingGatherer = scenarioGatherer('authzRedirectMissing', async (context) => {
  const client = primaryClient(context.target)
  // A plain OAuth server (no discovery) whose client may not ask for openid is judged by RFC 6749 alone.
  const plainOAuth = context.target.discovery === false && !client.scope.split(' ').includes('openid')
  const scenario = await badRedirect(
    context,
    'authorization: redirect_uri omitted',
    undefined,
    plainOAuth ? { scope: client.scope, nonce: undefined } : {},
  )
  const scope = scenario.attempt.request.params.scope ?? ''
  return { ...scenario, openid: scope.split(' ').includes('openid'), registeredCount: client.redirect_uris.length }
})

export function registeredWithQuery(uris: string[]): string | undefined {
  return uris.find((uri) => {
    try {
      return new URL(uri).searchParams.size > 0 && !uri.includes('#')
    } catch {
      return false
    }
  })
}

function primaryClientWithQueryUri(context: GatherContext) {
  const client = primaryClient(context.target)
  if (registeredWithQuery(client.redirect_uris)) return client
  const other = context.target.clients.find((candidate) => registeredWithQuery(candidate.redirect_uris))
  if (!other) throw new EvidenceUnavailable('no client in the target file has a registered redirect URI with a query')
  return other
}

/** Ordinary errors: the client and redirect URI are fine, so an error redirect (or a page) is expected. */
function ordinary(label: string, overrides: Record<string, string | undefined>, append?: Array<[string, string]>) {
  return (context: GatherContext) =>
    attemptOnly(context, { label, overrides: { state: longState(), ...overrides }, ...(append ? { append } : {}) })
}

export const duplicateParamGatherer = scenarioGatherer(
  'authzDuplicateParam',
  ordinary('authorization: response_type sent twice', {}, [['response_type', 'code']]),
)

export const responseTypeMissingGatherer = scenarioGatherer(
  'authzResponseTypeMissing',
  ordinary('authorization: response_type omitted', { response_type: undefined }),
)

export const responseTypeUnknownGatherer = scenarioGatherer(
  'authzResponseTypeUnknown',
  ordinary('authorization: response_type=foo', { response_type: 'foo' }),
)

export const responseTypeTokenGatherer = scenarioGatherer('authzResponseTypeToken', async (context) => {
  const { metadata } = await context.need('discovery')
  const advertised = Array.isArray(metadata?.response_types_supported)
    ? metadata.response_types_supported.filter((value): value is string => typeof value === 'string')
    : undefined
  const flow = await ordinary('authorization: response_type=token (implicit)', { response_type: 'token' })(context)
  return { ...flow, advertised }
})

export const responseModeUnknownGatherer = scenarioGatherer(
  'authzResponseModeUnknown',
  ordinary('authorization: response_mode=bogus', { response_mode: 'codeflow-bogus' }),
)

/** An unsigned Request Object (OIDC Core §6.1): alg "none", no signature. */
function unsignedRequestObject(claims: Record<string, string>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'none', typ: 'oauth-authz-req+jwt' })}.${part(claims)}.`
}

export const requestObjectGatherer = scenarioGatherer('authzRequestObject', async (context) => {
  const { metadata } = await context.need('discovery')
  const jar = await sessionJar(context)
  const client = primaryClient(context.target)
  const queryState = longState()
  const objectState = longState()
  const challenge = s256(randomToken(32))
  // The Request Object carries every parameter; the query repeats the ones OIDC Core §6.1
  // requires there (response_type, client_id, scope openid), plus a state the object overrides
  // (§6.1: "the parameter in the Request Object is used").
  const claims = {
    iss: client.client_id,
    aud: context.target.issuer,
    response_type: 'code',
    client_id: client.client_id,
    redirect_uri: plainRedirectUri(client),
    scope: 'openid',
    state: objectState,
    nonce: randomToken(16),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }
  const request = await attemptOnly(context, {
    label: 'authorization: unsigned Request Object ("request")',
    client,
    jar,
    pkce: 'none',
    overrides: {
      // Kept in the query too, so that a server without Request Object support can redirect its error.
      redirect_uri: plainRedirectUri(client),
      nonce: undefined,
      scope: 'openid',
      state: queryState,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      request: unsignedRequestObject(claims),
    },
  })
  const requestUri = await attemptOnly(context, {
    label: 'authorization: "request_uri"',
    client,
    jar,
    overrides: {
      state: longState(),
      request_uri: `https://client.codeflow.invalid/request-objects/${randomToken(8)}.jwt`,
    },
  })
  return {
    request: { ...request, objectState, queryState },
    requestUri,
    metadata: {
      requestParameterSupported: metadata?.request_parameter_supported,
      requestUriParameterSupported: metadata?.request_uri_parameter_supported,
      requestObjectSigningAlgs: metadata?.request_object_signing_alg_values_supported,
    },
  }
})

export const autoRedirectGatherer = scenarioGatherer('authzAutoRedirect', async (context) => {
  const [responseType, responseTypePromptNone, scope, scopePromptNone] = await Promise.all([
    context.need('authzResponseTypeUnknown'),
    ordinary('authorization: response_type=foo with prompt=none', { response_type: 'foo', prompt: 'none' })(context),
    ordinary('authorization: unknown scope in a fresh browser', { scope: 'openid codeflow_not_a_scope' })(context),
    ordinary('authorization: unknown scope with prompt=none', { scope: 'openid codeflow_not_a_scope', prompt: 'none' })(
      context,
    ),
  ])
  return { responseType, responseTypePromptNone, scope, scopePromptNone }
})

export const badRequestGatherers = [
  clientIdMissingGatherer,
  clientIdUnknownGatherer,
  redirectUnregisteredGatherer,
  redirectQueryAddedGatherer,
  redirectQueryMismatchGatherer,
  redirectCodePollutionGatherer,
  redirectFragmentGatherer,
  redirectMissingGatherer,
  duplicateParamGatherer,
  responseTypeMissingGatherer,
  responseTypeUnknownGatherer,
  responseTypeTokenGatherer,
  responseModeUnknownGatherer,
  requestObjectGatherer,
  autoRedirectGatherer,
]
