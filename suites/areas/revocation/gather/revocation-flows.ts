/**
 * Revocation scenarios (RFC 7009). Every probe that could revoke, or fail to revoke, something
 * gets a grant of its own, obtained right before it (one login; the later grants continue the
 * session): another client's revocation attempts, the revocation without credentials, the
 * malformed requests (each followed by a look at whether the token still works), the refresh-token
 * revocation, the access-token revocation, and a deliberately wrong `token_type_hint` for each
 * token type. So no probe meets a token an earlier probe already revoked — which would hide the
 * defect it looks for, or blame it for another probe's effect.
 */
import { randomToken } from '../../../flows/authorization-request.js'
import { otherConfidentialClient, primaryClient } from '../../../flows/clients.js'
import { accessTokenLiveness, type TokenLiveness } from '../../../flows/flow-attempt.js'
import { grantSource } from '../../../flows/grant-source.js'
import { authenticate, basicCredentials, type CallResult, call, refresh, revoke } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'
import type { Unavailable } from '../../../harness/unavailable.js'

export interface RevokedRefreshToken {
  revoke: CallResult
  /** The refresh grant attempted with the token afterwards. */
  refreshAfter: CallResult
}

export interface RevokedAccessToken {
  revoke: CallResult
  after: TokenLiveness
}

export interface RevocationEvidence {
  clientId: string
  invalidToken: CallResult
  unknownHint: CallResult
  otherClient: { clientId: string; accessToken: RevokedAccessToken; refreshToken?: RevokedRefreshToken } | Unavailable
  withoutAuthentication: RevokedAccessToken | Unavailable
  requestShape: { get: CallResult; json: CallResult; missingToken: CallResult; after: TokenLiveness }
  /** Revoking the refresh token (with the right hint), twice, then the grant's access token. */
  refreshToken: (RevokedRefreshToken & { again: CallResult; accessTokenAfter: TokenLiveness }) | Unavailable
  /** Revoking an access token (with the right hint), then its grant's refresh token. */
  accessToken: RevokedAccessToken & { refreshAfter?: CallResult }
  wrongHint: { refreshToken: RevokedRefreshToken | Unavailable; accessToken: RevokedAccessToken }
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    revocation: RevocationEvidence
  }
}

export const revocationGatherer = defineGatherer({
  id: 'revocation',
  provides: ['revocation'],
  gather: async (context) => {
    const { endpoints } = await context.need('discovery')
    const endpoint = endpoints.revocation
    if (!endpoint) {
      throw new EvidenceUnavailable(
        'the server advertises no revocation_endpoint (and the target file declares none in "endpoints.revocation")',
      )
    }
    const client = primaryClient(context.target)
    const http = context.http
    const revokeAs = (token: string | undefined, hint: string | undefined, label: string, as = client) =>
      revoke(http, endpoint, { client: as, token, hint, label })
    const refreshWith = (token: string, label: string) =>
      refresh(http, endpoints.token, { client, refreshToken: token, label })
    const alive = (token: string, label: string) => accessTokenLiveness(context, token, label, client)

    const [invalidToken, unknownHint] = await Promise.all([
      revokeAs(randomToken(32), undefined, 'revocation: a token the server never issued'),
      revokeAs(randomToken(32), 'codeflow_unknown_type', 'revocation: an unknown token_type_hint'),
    ])

    // One after another: these share the browser session, and a server may rightly refuse two
    // interactions interleaved in one session (oidc-provider does).
    const grants = grantSource(context, client)
    const fresh = (what: string) => grants.next(`revocation: a fresh grant for ${what}`)

    let otherClient: RevocationEvidence['otherClient']
    try {
      const other = otherConfidentialClient(context.target, client)
      const grant = await fresh(`"${other.client_id}"'s attempts`)
      const accessRevoke = await revokeAs(
        grant.accessToken,
        'access_token',
        `revocation: "${other.client_id}" revokes an access token of "${client.client_id}"`,
        other,
      )
      const accessToken = {
        revoke: accessRevoke,
        after: await alive(grant.accessToken, 'revocation: is the access token still alive?'),
      }
      let refreshToken: RevokedRefreshToken | undefined
      if (grant.refreshToken) {
        const refreshRevoke = await revokeAs(
          grant.refreshToken,
          'refresh_token',
          `revocation: "${other.client_id}" revokes a refresh token of "${client.client_id}"`,
          other,
        )
        refreshToken = {
          revoke: refreshRevoke,
          refreshAfter: await refreshWith(grant.refreshToken, 'revocation: is the refresh token still alive?'),
        }
      }
      otherClient = { clientId: other.client_id, accessToken, ...(refreshToken ? { refreshToken } : {}) }
    } catch (error) {
      if (!(error instanceof EvidenceUnavailable)) throw error
      otherClient = { unavailable: error.reason }
    }

    let withoutAuthentication: RevocationEvidence['withoutAuthentication'] = {
      unavailable: 'the primary client is public: it has no credentials to leave out',
    }
    if (client.token_endpoint_auth_method !== 'none') {
      const grant = await fresh('the revocation without credentials')
      withoutAuthentication = {
        revoke: await revoke(http, endpoint, {
          client,
          token: grant.accessToken,
          hint: 'access_token',
          auth: 'none',
          label: 'revocation: a confidential client without its credentials',
        }),
        after: await alive(grant.accessToken, 'revocation: is the access token still alive?'),
      }
    }

    const requestShape = await malformedRequests(context, endpoint, (await fresh('the malformed requests')).accessToken)

    let refreshToken: RevocationEvidence['refreshToken'] = {
      unavailable: 'the code exchange returned no refresh token',
    }
    const forRefresh = await fresh('the refresh-token revocation')
    if (forRefresh.refreshToken) {
      const token = forRefresh.refreshToken
      const revoked = await revokeAs(token, 'refresh_token', 'revocation: revoke the refresh token')
      const again = await revokeAs(token, 'refresh_token', 'revocation: revoke the same refresh token again')
      const refreshAfter = await refreshWith(token, 'revocation: refresh with the revoked refresh token')
      const accessTokenAfter = await alive(
        forRefresh.accessToken,
        "revocation: is the revoked refresh token's access token alive?",
      )
      refreshToken = { revoke: revoked, again, refreshAfter, accessTokenAfter }
    }

    const second = await fresh('the access-token revocation')
    const accessRevoke = await revokeAs(second.accessToken, 'access_token', 'revocation: revoke an access token')
    const accessToken: RevocationEvidence['accessToken'] = {
      revoke: accessRevoke,
      after: await alive(second.accessToken, 'revocation: is the revoked access token alive?'),
      ...(second.refreshToken
        ? {
            refreshAfter: await refreshWith(
              second.refreshToken,
              "revocation: refresh after revoking the grant's access token",
            ),
          }
        : {}),
    }

    let wrongHintRefresh: RevokedRefreshToken | Unavailable = {
      unavailable: 'the code exchange returned no refresh token',
    }
    const third = await fresh('a refresh token with the wrong hint')
    if (third.refreshToken) {
      const revoked = await revokeAs(
        third.refreshToken,
        'access_token',
        'revocation: a refresh token sent with token_type_hint=access_token',
      )
      wrongHintRefresh = {
        revoke: revoked,
        refreshAfter: await refreshWith(third.refreshToken, 'revocation: refresh with the revoked refresh token'),
      }
    }
    const fourth = await fresh('an access token with the wrong hint')
    const wrongHintAccessRevoke = await revokeAs(
      fourth.accessToken,
      'refresh_token',
      'revocation: an access token sent with token_type_hint=refresh_token',
    )
    const wrongHintAccess: RevokedAccessToken = {
      revoke: wrongHintAccessRevoke,
      after: await alive(fourth.accessToken, 'revocation: is the revoked access token alive?'),
    }

    return {
      revocation: {
        clientId: client.client_id,
        invalidToken,
        unknownHint,
        otherClient,
        withoutAuthentication,
        requestShape,
        refreshToken,
        accessToken,
        wrongHint: { refreshToken: wrongHintRefresh, accessToken: wrongHintAccess },
      },
    }
  },
})

/**
 * GET with the token in the query, a JSON body, and a form without `token`: each must be refused.
 * Client credentials go in the Authorization header for Basic clients; a post client's secret is
 * never put in a URL.
 */
export async function malformedRequests(
  context: GatherContext,
  endpoint: string,
  accessToken: string,
): Promise<{ get: CallResult; json: CallResult; missingToken: CallResult; after: TokenLiveness }> {
  const client = primaryClient(context.target)
  const basic =
    client.token_endpoint_auth_method === 'client_secret_basic' && client.client_secret
      ? { authorization: `Basic ${basicCredentials(client.client_id, client.client_secret)}` }
      : undefined
  const what = new URL(endpoint).pathname
  const getUrl = new URL(endpoint)
  getUrl.searchParams.set('token', accessToken)
  getUrl.searchParams.set('token_type_hint', 'access_token')
  if (!basic) getUrl.searchParams.set('client_id', client.client_id)
  const get = await call(context.http, {
    url: getUrl.toString(),
    method: 'GET',
    headers: { ...basic },
    label: `${what}: GET with the token in the query`,
  })
  const jsonBody: Record<string, string> = { token: accessToken, token_type_hint: 'access_token' }
  if (!basic) {
    jsonBody.client_id = client.client_id
    if (client.client_secret) jsonBody.client_secret = client.client_secret
  }
  const json = await call(context.http, {
    url: endpoint,
    method: 'POST',
    headers: { ...basic, 'content-type': 'application/json' },
    body: JSON.stringify(jsonBody),
    label: `${what}: a JSON body instead of a form`,
  })
  const form: Record<string, string | undefined> = { token_type_hint: 'access_token' }
  const headers: Record<string, string> = {}
  authenticate(client, 'registered', form, headers)
  const missingToken = await call(context.http, {
    url: endpoint,
    form,
    headers,
    label: `${what}: no "token" parameter`,
  })
  const after = await accessTokenLiveness(context, accessToken, `${what}: is the access token still alive?`, client)
  return { get, json, missingToken, after }
}
