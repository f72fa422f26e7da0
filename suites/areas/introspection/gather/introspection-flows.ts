/**
 * Introspection scenarios (RFC 7662): one login, four grants of the primary client. The first is
 * introspected as issued (with right, wrong and no credentials, and with right and wrong hints —
 * none of which may change it), then refreshed so its rotated-out refresh token can be
 * introspected; the malformed requests (a GET puts the token in a URL, which a server may rightly
 * treat as a leak) get a fresh grant of their own; another is revoked (when a revocation endpoint
 * exists); the last comes from a code that is then replayed.
 */
import { randomToken } from '../../../flows/authorization-request.js'
import { primaryClient } from '../../../flows/clients.js'
import type { TokenLiveness } from '../../../flows/flow-attempt.js'
import { attemptFlow, flowWithTokens, grantedScope } from '../../../flows/flow-attempt.js'
import { grantSource } from '../../../flows/grant-source.js'
import { type CallResult, introspect, redeemCode, refresh, revoke } from '../../../flows/token-calls.js'
import { DriveError, EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer } from '../../../harness/gatherer.js'
import type { Unavailable } from '../../../harness/unavailable.js'
import { malformedRequests } from '../../revocation/gather/revocation-flows.js'

export interface IntrospectionEvidence {
  clientId: string
  /** The code exchange whose tokens are introspected, and what it granted. */
  token: CallResult
  tokenReceivedAt: number
  grantedScope: string[]
  idTokenSub?: string
  /** The fresh access token, with token_type_hint=access_token. */
  active: CallResult
  hints: {
    accessTokenNoHint: CallResult
    accessTokenWrongHint: CallResult
    refreshToken?: { rightHint: CallResult; wrongHint: CallResult }
  }
  withoutAuthentication: CallResult | Unavailable
  inactive: { bogus: CallResult; revoked?: CallResult; rotatedOut?: CallResult }
  afterCodeReuse: { replay: CallResult; introspection: CallResult }
  requestShape: { get: CallResult; json: CallResult; missingToken: CallResult; after: TokenLiveness }
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    introspection: IntrospectionEvidence
  }
}

export const introspectionGatherer = defineGatherer({
  id: 'introspection',
  provides: ['introspection'],
  gather: async (context) => {
    const { endpoints } = await context.need('discovery')
    const endpoint = endpoints.introspection
    if (!endpoint) {
      throw new EvidenceUnavailable(
        'the server advertises no introspection_endpoint (and the target file declares none in "endpoints.introspection")',
      )
    }
    const client = primaryClient(context.target)
    const http = context.http
    const ask = (token: string, hint: string | undefined, label: string) =>
      introspect(http, endpoint, { client, token, hint, label: `introspection: ${label}` })

    const first = await flowWithTokens(context, { label: 'introspection: first grant', client })
    const jar = first.attempt.jar
    const active = await ask(first.accessToken, 'access_token', 'a fresh access token')
    const [accessTokenNoHint, accessTokenWrongHint] = await Promise.all([
      ask(first.accessToken, undefined, 'the access token without token_type_hint'),
      ask(first.accessToken, 'refresh_token', 'the access token with token_type_hint=refresh_token'),
    ])
    const refreshHints = first.refreshToken
      ? {
          rightHint: await ask(
            first.refreshToken,
            'refresh_token',
            'the refresh token with token_type_hint=refresh_token',
          ),
          wrongHint: await ask(
            first.refreshToken,
            'access_token',
            'the refresh token with token_type_hint=access_token',
          ),
        }
      : undefined
    const withoutAuthentication: IntrospectionEvidence['withoutAuthentication'] =
      client.token_endpoint_auth_method === 'none'
        ? { unavailable: 'the primary client is public: it has no credentials to leave out' }
        : await introspect(http, endpoint, {
            client,
            token: first.accessToken,
            auth: 'none',
            label: 'introspection: no client credentials',
          })
    const bogus = await ask(randomToken(32), undefined, 'a token the server never issued')

    let rotatedOut: CallResult | undefined
    if (first.refreshToken) {
      const refreshed = await refresh(http, endpoints.token, {
        client,
        refreshToken: first.refreshToken,
        label: 'introspection: refresh, to rotate the refresh token out',
      })
      const renewed = refreshed.body?.refresh_token
      if (refreshed.status === 200 && typeof renewed === 'string' && renewed !== first.refreshToken) {
        rotatedOut = await ask(first.refreshToken, 'refresh_token', 'a rotated-out refresh token')
      }
    }

    // Sequential, as they share the browser session (see revocation-flows.ts).
    const grants = grantSource(context, client, jar)
    const requestShape = await malformedRequests(
      context,
      endpoint,
      (await grants.next('introspection: a fresh grant for the malformed requests')).accessToken,
    )
    const second = endpoints.revocation ? await grants.next('introspection: second grant') : undefined
    const third = await attemptFlow(context, { label: 'introspection: third grant', client, jar })
    let revoked: CallResult | undefined
    if (second && endpoints.revocation) {
      const [token, hint] = second.refreshToken
        ? [second.refreshToken, 'refresh_token']
        : [second.accessToken, 'access_token']
      const answer = await revoke(http, endpoints.revocation, {
        client,
        token,
        hint,
        label: `introspection: revoke a ${hint.replace('_', ' ')}`,
      })
      if (answer.status === 200) revoked = await ask(token, hint, `a revoked ${hint.replace('_', ' ')}`)
    }

    const thirdAccessToken = third.token?.body?.access_token
    if (!third.code || typeof thirdAccessToken !== 'string') {
      throw new DriveError('introspection: the third grant did not complete with an access token')
    }
    const replay = await redeemCode(http, endpoints.token, {
      client,
      code: third.code,
      redirectUri: third.attempt.request.params.redirect_uri,
      codeVerifier: third.attempt.request.codeVerifier,
      label: 'introspection: redeem the same code again',
    })
    const afterReplay = await ask(thirdAccessToken, 'access_token', 'the access token of a replayed code')

    return {
      introspection: {
        clientId: client.client_id,
        token: first.token,
        tokenReceivedAt: first.tokenReceivedAt ?? 0,
        grantedScope: grantedScope(first.token, first.attempt.request.params.scope),
        ...(typeof first.idToken?.claims?.sub === 'string' ? { idTokenSub: first.idToken.claims.sub } : {}),
        active,
        hints: { accessTokenNoHint, accessTokenWrongHint, ...(refreshHints ? { refreshToken: refreshHints } : {}) },
        withoutAuthentication,
        inactive: { bogus, ...(revoked ? { revoked } : {}), ...(rotatedOut ? { rotatedOut } : {}) },
        afterCodeReuse: { replay, introspection: afterReplay },
        requestShape,
      },
    }
  },
})
