/**
 * RP-initiated logout scenarios (OpenID Connect RP-Initiated Logout 1.0), each a
 * one-line variation of the logout request:
 *
 * - `logoutHappy`: log in, check the session answers prompt=none, log out with `id_token_hint`,
 *   a registered `post_logout_redirect_uri` and `state`, then probe the session and the tokens.
 * - `logoutNegative`: one thing wrong each time (unregistered URI, URI with a query added,
 *   foreign-signed hint, `alg: none` hint, no hint at all, `client_id` instead of a hint), each
 *   from a session of its own, logged in just before, whose ID token is the hint.
 * - `logoutVariants`: one login each — no parameters, only `state`, no `post_logout_redirect_uri`,
 *   no `state` (via POST) — probing the session before and after any confirmation.
 *
 * Everything is skipped when the server advertises no `end_session_endpoint`.
 */
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose'
import type { CookieJar } from 'tough-cookie'
import { randomToken } from '../../../flows/authorization-request.js'
import { primaryClient } from '../../../flows/clients.js'
import {
  type AuthorizationAttempt,
  authorize,
  authorizeForCode,
  type CompletedFlow,
  codeFlow,
  completeFlow,
} from '../../../flows/code-flow.js'
import { type LogoutResult, sendLogout } from '../../../flows/logout-request.js'
import { type CallResult, refresh, userinfo } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'
import type { TargetClient } from '../../../harness/target.js'

export interface LogoutHappyEvidence {
  clientId: string
  postLogoutRedirectUri: string
  state: string
  /** Whether the suite probed the session (capabilities.sso_session). */
  probed: boolean
  login: CompletedFlow
  /** prompt=none before the logout: shows that a session existed. */
  before?: AuthorizationAttempt
  logout: LogoutResult
  /** prompt=none with the same browser after the logout. */
  after?: AuthorizationAttempt
  userinfoAfter?: CallResult
  refreshAfter?: CallResult
}

export interface LogoutNegativeEvidence {
  clientId: string
  registered: string[]
  /** The registered post_logout_redirect_uri the scenarios use. */
  postLogoutRedirectUri: string
  badRedirect: LogoutResult
  queryAdded: LogoutResult
  hintForeign: LogoutResult
  hintAlgNone: LogoutResult
  noHintWithRedirect: LogoutResult
  clientIdParam: LogoutResult
}

export interface LogoutVariant {
  name: 'no parameters' | 'only state' | 'no post_logout_redirect_uri' | 'no state'
  /** Whether an id_token_hint of the current session was sent. */
  withHint: boolean
  /** The post_logout_redirect_uri sent, if any. */
  postLogoutRedirectUri?: string
  /** The first answer, without confirming anything. */
  first: LogoutResult
  /** prompt=none right after the first answer (before any confirmation), when probed. */
  afterFirst?: AuthorizationAttempt
  /** When the first answer asked for confirmation: the same request, confirmed. */
  confirmed?: LogoutResult
  /** prompt=none at the end, when probed. */
  after?: AuthorizationAttempt
}

export interface LogoutVariantsEvidence {
  probed: boolean
  /** The client's registered post_logout_redirect_uris. */
  registered: string[]
  variants: LogoutVariant[]
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    logoutHappy: LogoutHappyEvidence
    logoutNegative: LogoutNegativeEvidence
    logoutVariants: LogoutVariantsEvidence
  }
}

async function endSessionEndpoint(context: GatherContext): Promise<string> {
  const { endpoints } = await context.need('discovery')
  if (!endpoints.endSession)
    throw new EvidenceUnavailable('the server advertises no end_session_endpoint (RP-Initiated Logout is optional)')
  return endpoints.endSession
}

function logoutClient(context: GatherContext): { client: TargetClient; uri: string } {
  const client = primaryClient(context.target)
  const uri = client.post_logout_redirect_uris[0]
  if (!uri)
    throw new EvidenceUnavailable(
      `the target file lists no post_logout_redirect_uris for client "${client.client_id}" (add its registered ones)`,
    )
  return { client, uri }
}

/** Logging in for a logout request: the session and the ID token (the hint) are what it needs, not UserInfo. */
const logIn = codeFlow.remove('userinfo')

function idTokenOf(flow: CompletedFlow): string {
  if (!flow.idToken) throw new EvidenceUnavailable('the token response has no id_token to use as id_token_hint')
  return flow.idToken.raw
}

/** prompt=none with this browser: a code means the session is alive, login_required that it ended. */
function probe(
  context: GatherContext,
  jar: CookieJar,
  client: TargetClient,
  label: string,
): Promise<AuthorizationAttempt> {
  return authorize(context, { label, client, jar, overrides: { prompt: 'none' } })
}

export const logoutHappyGatherer = defineGatherer({
  id: 'logout-happy',
  provides: ['logoutHappy'],
  gather: async (context) => {
    const endpoint = await endSessionEndpoint(context)
    const { client, uri } = logoutClient(context)
    const probed = context.target.capabilities.sso_session
    const jar = context.http.newJar()
    const login = await completeFlow(context, { label: 'logout: log in', client, jar })
    const hint = idTokenOf(login)
    const before = probed ? await probe(context, jar, client, 'logout: prompt=none before logging out') : undefined
    const state = randomToken(16)
    const logout = await sendLogout(context.http, {
      endpoint,
      params: { id_token_hint: hint, post_logout_redirect_uri: uri, state },
      jar,
      confirm: true,
      clientUris: [uri],
      label: 'logout: id_token_hint, registered post_logout_redirect_uri and state',
    })
    const after = probed ? await probe(context, jar, client, 'logout: prompt=none after logging out') : undefined
    const { endpoints } = await context.need('discovery')
    const userinfoAfter =
      endpoints.userinfo && login.accessToken
        ? await userinfo(context.http, endpoints.userinfo, {
            accessToken: login.accessToken,
            label: 'logout: UserInfo after logout',
          })
        : undefined
    const refreshAfter = login.refreshToken
      ? await refresh(context.http, endpoints.token, {
          client,
          refreshToken: login.refreshToken,
          label: 'logout: refresh after logout',
        })
      : undefined
    return {
      logoutHappy: {
        clientId: client.client_id,
        postLogoutRedirectUri: uri,
        state,
        probed,
        login,
        before,
        logout,
        after,
        userinfoAfter,
        refreshAfter,
      },
    }
  },
})

/** The real hint's claims, signed with a key this run just made (the OP never saw it). */
async function foreignSigned(hint: string): Promise<string> {
  const header = decodeProtectedHeader(hint)
  const { privateKey } = await generateKeyPair('RS256')
  return new SignJWT(decodeJwt(hint))
    .setProtectedHeader({
      alg: 'RS256',
      ...(header.kid ? { kid: header.kid } : {}),
      ...(header.typ ? { typ: header.typ } : {}),
    })
    .sign(privateKey)
}

/** The real hint re-encoded as an unsecured JWT (RFC 7519 §6): header { alg: none }, no signature. */
function algNone(hint: string): string {
  const payload = hint.split('.')[1] ?? ''
  return `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`
}

export const logoutNegativeGatherer = defineGatherer({
  id: 'logout-negative',
  provides: ['logoutNegative'],
  gather: async (context) => {
    const endpoint = await endSessionEndpoint(context)
    const { client, uri } = logoutClient(context)
    const registered = client.post_logout_redirect_uris
    const unregistered = new URL('/codeflow-unregistered-logout', uri).toString()
    const withQuery = `${uri}${uri.includes('?') ? '&' : '?'}foo=bar`
    // Each request is made in the state most favourable to the defect it looks for: a session of
    // its own, just logged in, whose ID token is the hint (or the base of the forged one). A server
    // that redirects only where a session exists is caught; no request logs out a session another
    // scenario (or the happy flow) relies on.
    const send = async (
      label: string,
      params: (hint: string) => Promise<Record<string, string | undefined>>,
      sentUri: string,
    ) => {
      const jar = context.http.newJar()
      const login = await completeFlow(context, { label: `logout (${label}): log in`, client, jar }, logIn)
      return sendLogout(context.http, {
        endpoint,
        params: { ...(await params(idTokenOf(login))), state: randomToken(16) },
        jar,
        confirm: true,
        clientUris: [sentUri, ...registered],
        label: `logout: ${label}`,
      })
    }
    const [badRedirect, queryAdded, hintForeign, hintAlgNone, noHintWithRedirect, clientIdParam] = await Promise.all([
      send(
        'unregistered post_logout_redirect_uri',
        async (hint) => ({ id_token_hint: hint, post_logout_redirect_uri: unregistered }),
        unregistered,
      ),
      send(
        'registered post_logout_redirect_uri with ?foo=bar added',
        async (hint) => ({ id_token_hint: hint, post_logout_redirect_uri: withQuery }),
        withQuery,
      ),
      send(
        'id_token_hint signed by a foreign key',
        async (hint) => ({ id_token_hint: await foreignSigned(hint), post_logout_redirect_uri: uri }),
        uri,
      ),
      send(
        'id_token_hint re-encoded with alg none',
        async (hint) => ({ id_token_hint: algNone(hint), post_logout_redirect_uri: uri }),
        uri,
      ),
      send(
        'post_logout_redirect_uri without id_token_hint or client_id',
        async () => ({ post_logout_redirect_uri: uri }),
        uri,
      ),
      send(
        'client_id and post_logout_redirect_uri without id_token_hint',
        async () => ({ client_id: client.client_id, post_logout_redirect_uri: uri }),
        uri,
      ),
    ])
    return {
      logoutNegative: {
        clientId: client.client_id,
        registered,
        postLogoutRedirectUri: uri,
        badRedirect,
        queryAdded,
        hintForeign,
        hintAlgNone,
        noHintWithRedirect,
        clientIdParam,
      },
    }
  },
})

export const logoutVariantsGatherer = defineGatherer({
  id: 'logout-variants',
  provides: ['logoutVariants'],
  gather: async (context) => {
    const endpoint = await endSessionEndpoint(context)
    const { client, uri } = logoutClient(context)
    const probed = context.target.capabilities.sso_session
    const variant = async (
      name: LogoutVariant['name'],
      build: (hint: string | undefined) => Record<string, string | undefined>,
      options: { withHint: boolean; method?: 'GET' | 'POST' },
    ): Promise<LogoutVariant> => {
      const jar = context.http.newJar()
      const label = `logout (${name})`
      let hint: string | undefined
      if (options.withHint)
        hint = idTokenOf(await completeFlow(context, { label: `${label}: log in`, client, jar }, logIn))
      else await authorizeForCode(context, { label: `${label}: log in`, client, jar })
      const params = build(hint)
      const request = {
        endpoint,
        params,
        jar,
        method: options.method,
        clientUris: [uri, ...client.post_logout_redirect_uris],
      }
      const first = await sendLogout(context.http, { ...request, confirm: false, label })
      const afterFirst =
        probed && first.confirmationShown
          ? await probe(context, jar, client, `${label}: prompt=none before confirming`)
          : undefined
      const confirmed = first.confirmationShown
        ? await sendLogout(context.http, { ...request, confirm: true, label: `${label}, confirmed` })
        : undefined
      const after = probed ? await probe(context, jar, client, `${label}: prompt=none after logging out`) : undefined
      return {
        name,
        withHint: options.withHint,
        postLogoutRedirectUri: params.post_logout_redirect_uri,
        first,
        afterFirst,
        confirmed,
        after,
      }
    }
    const variants = await Promise.all([
      variant('no parameters', () => ({}), { withHint: false }),
      variant('only state', () => ({ state: randomToken(16) }), { withHint: false }),
      variant('no post_logout_redirect_uri', (hint) => ({ id_token_hint: hint, state: randomToken(16) }), {
        withHint: true,
      }),
      variant('no state', (hint) => ({ id_token_hint: hint, post_logout_redirect_uri: uri }), {
        withHint: true,
        method: 'POST',
      }),
    ])
    return { logoutVariants: { probed, registered: client.post_logout_redirect_uris, variants } }
  },
})
