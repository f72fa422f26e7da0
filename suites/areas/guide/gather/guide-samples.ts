/**
 * The integration guide's samples (fixtures/seed-samples.ts; docs/mock-idp.md, "The integration guide's errata, handled on purpose"), run as written: the
 * authorization request POSTed with every parameter in the query string, the token request with
 * Basic auth and a form body — once with the guide's `Content-Type: application/json` (its
 * erratum) and once correctly labelled — and UserInfo with the access token. The guide's
 * `someClientId` is a placeholder, so the target's first client and its first redirect URI stand in.
 */

import type { AuthorizeResult } from '../../../drivers/driver.js'
import { basicCredentials, type CallResult, call, userinfo } from '../../../flows/token-calls.js'
import { EvidenceUnavailable } from '../../../harness/evidence.js'
import { defineGatherer, type GatherContext } from '../../../harness/gatherer.js'
import type { TargetClient } from '../../../harness/target.js'
import { GUIDE_SCOPE, GUIDE_STATE } from '../checks/sample-values.js'

export interface GuideAuthorization {
  url: string
  redirectUri: string
  result: AuthorizeResult
}

export interface GuideSamplesEvidence {
  clientId: string
  authorization: GuideAuthorization
  /** Why the token and UserInfo samples did not run (e.g. the first client does not use Basic auth). */
  tokenSkipped?: string
  /** The token request with the correct Content-Type. */
  token?: CallResult
  /** The same request labelled application/json, as the guide writes it (with a second code). */
  tokenJsonLabelled?: CallResult
  /** Why the JSON-labelled request could not be sent (no second code). */
  tokenJsonSkipped?: string
  userinfo?: CallResult
  /** The authorization request with the guide's stray "?" kept in redirect_uri. */
  strayQuestionMark: GuideAuthorization
}

declare module '../../../harness/evidence.js' {
  interface Evidence {
    guideSamples: GuideSamplesEvidence
  }
}

async function sampleAuthorization(
  context: GatherContext,
  client: TargetClient,
  redirectUri: string,
  jar: ReturnType<GatherContext['http']['newJar']>,
  label: string,
): Promise<GuideAuthorization> {
  const { endpoints } = await context.need('discovery')
  const url = new URL(endpoints.authorization)
  // The sample's parameters, in its order, all in the query string of a POST.
  for (const [name, value] of [
    ['response_type', 'code'],
    ['client_id', client.client_id],
    ['redirect_uri', redirectUri],
    ['scope', GUIDE_SCOPE],
    ['state', GUIDE_STATE],
  ] as const)
    url.searchParams.append(name, value)
  const result = await context.limit(() =>
    context.driver.authorize({
      url: url.toString(),
      method: 'POST',
      user: context.target.users[0]!,
      jar,
      clientUris: [...client.redirect_uris, redirectUri],
      label,
    }),
  )
  return { url: url.toString(), redirectUri, result }
}

function tokenRequest(
  context: GatherContext,
  tokenEndpoint: string,
  client: TargetClient,
  code: string,
  redirectUri: string,
  contentType: string,
  label: string,
): Promise<CallResult> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri }).toString()
  return call(context.http, {
    url: tokenEndpoint,
    method: 'POST',
    headers: {
      'content-type': contentType,
      authorization: `Basic ${basicCredentials(client.client_id, client.client_secret ?? '')}`,
    },
    body,
    label,
  })
}

export const guideSamplesGatherer = defineGatherer({
  id: 'guide-samples',
  provides: ['guideSamples'],
  gather: async (context) => {
    const client = context.target.clients[0]!
    const scopes = client.scope.split(' ')
    const missing = GUIDE_SCOPE.split(' ').filter((scope) => !scopes.includes(scope))
    // Said for someone testing their own server, who never read that guide: what these checks
    // are, that skipping them is expected, and how to run them anyway.
    if (missing.length > 0)
      throw new EvidenceUnavailable(
        `only for servers that follow the vendor integration guide Codeflow's samples come from (fine to skip otherwise): its sample requests ask for scope "${GUIDE_SCOPE}", and the target's first client "${client.client_id}" does not list ${missing.map((scope) => `"${scope}"`).join(', ')} in its "scope"; add them there to run the samples`,
      )
    const { endpoints } = await context.need('discovery')
    const redirectUri = client.redirect_uris[0]!
    const jar = context.http.newJar()
    const authorization = await sampleAuthorization(
      context,
      client,
      redirectUri,
      jar,
      'guide: the sample authorization request',
    )
    const code = authorization.result.kind === 'callback' ? authorization.result.params.code : undefined
    let tokenSkipped: string | undefined
    if (client.token_endpoint_auth_method !== 'client_secret_basic' || !client.client_secret)
      tokenSkipped = `only for servers that follow the vendor integration guide Codeflow's samples come from (fine to skip otherwise): its token sample authenticates with HTTP Basic, and the target's first client "${client.client_id}" is registered for "${client.token_endpoint_auth_method}"${client.client_secret ? '' : ' without a secret'}`
    else if (!code) tokenSkipped = 'the sample authorization request returned no code'
    let token: CallResult | undefined
    let tokenJsonLabelled: CallResult | undefined
    let tokenJsonSkipped: string | undefined
    let userinfoResult: CallResult | undefined
    if (!tokenSkipped && code) {
      token = await tokenRequest(
        context,
        endpoints.token,
        client,
        code,
        redirectUri,
        'application/x-www-form-urlencoded',
        'guide: the sample token request, form-urlencoded',
      )
      const accessToken = typeof token.body?.access_token === 'string' ? token.body.access_token : undefined
      if (accessToken && endpoints.userinfo)
        userinfoResult = await userinfo(context.http, endpoints.userinfo, {
          accessToken,
          label: 'guide: UserInfo with the access token',
        })
      // A second code for the request as the guide labels it, so a refusal cannot spoil the first.
      const second = await sampleAuthorization(
        context,
        client,
        redirectUri,
        jar,
        'guide: the sample authorization request again',
      )
      const secondCode = second.result.kind === 'callback' ? second.result.params.code : undefined
      if (secondCode)
        tokenJsonLabelled = await tokenRequest(
          context,
          endpoints.token,
          client,
          secondCode,
          redirectUri,
          'application/json',
          'guide: the sample token request as written (Content-Type: application/json)',
        )
      else tokenJsonSkipped = 'the second sample authorization request returned no code'
    }
    const strayQuestionMark = await sampleAuthorization(
      context,
      client,
      `${redirectUri}?`,
      jar,
      'guide: the sample authorization request with the stray "?" in redirect_uri',
    )
    return {
      guideSamples: {
        clientId: client.client_id,
        authorization,
        tokenSkipped,
        token,
        tokenJsonLabelled,
        tokenJsonSkipped,
        userinfo: userinfoResult,
        strayQuestionMark,
      },
    }
  },
})
