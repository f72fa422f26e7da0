/**
 * The consent page and its form target (OIDC Core §3.1.2.4: "Once the End-User is
 * authenticated, the Authorization Server MUST obtain an authorization decision before releasing
 * information to the Relying Party").
 *
 * GET {consent}?interaction=<id> lists the client and the requested scopes; POST {consent} with
 * decision=approve remembers the consent in the session and issues the code, decision=deny ends
 * with `access_denied` (RFC 6749 §4.1.2.1: "The resource owner or authorization server denied the
 * request"). Both answer 303 so the browser follows with GET.
 */
import { errorRedirect } from '../authorize/authorization-response.js'
import { formAction } from '../authorize/form-targets.js'
import {
  asPage,
  completeAuthorization,
  interactionUrl,
  PageProblem,
  pageParams,
  requireCsrf,
  requireInteraction,
} from '../authorize/front-channel.js'
import { csrfToken, finishInteraction } from '../authorize/interaction.js'
import { targetOf } from '../authorize/pipeline.js'
import { rememberConsent } from '../authorize/session.js'
import { AccessDenied } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import { formBody } from '../http/parsed-request.js'
import type { InteractionRecord } from '../store/records.js'
import { consentPage } from '../ui/consent-page.js'
import type { EndpointContext } from './endpoint.js'

export const consent = asPage(async (context) => {
  const { provider, request, urls, issuer } = context
  const isPost = request.method === 'POST'
  const params = pageParams(context, isPost ? formBody(request) : undefined)
  const record = await requireInteraction(provider, params)
  if (isPost) requireCsrf(provider, context, record, params)
  if (record.stage !== 'consent' || record.sub === undefined || record.authTime === undefined) {
    // Consent comes after login: send the user there first.
    return { kind: 'redirect', status: 303, location: interactionUrl(urls.login, record.id) }
  }

  if (!isPost) return showConsent(context, record)

  const decision = params.get('decision')
  if (decision !== 'approve' && decision !== 'deny') {
    throw new PageProblem({
      error: 'invalid_request',
      description: `"decision" must be "approve" or "deny"${decision === undefined ? ' and is missing' : `, got "${decision}"`}.`,
    })
  }
  // Taken atomically: a double click cannot issue two codes.
  const finished = await finishInteraction(provider, record.id)
  if (!finished) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `This consent page has already been used or has expired (interaction "${record.id}").`,
      help: 'Go back to the application and sign in again.',
    })
  }
  const authz = finished.request
  if (decision === 'deny') {
    return errorRedirect(
      targetOf(authz),
      issuer,
      new AccessDenied('the user denied the request'),
      303,
      provider.behaviours,
    )
  }
  if (finished.sessionId !== undefined) {
    await rememberConsent(provider, finished.sessionId, authz.clientId, authz.scope)
  }
  return completeAuthorization(
    provider,
    issuer,
    authz,
    {
      sub: record.sub,
      authTime: record.authTime,
      ...(finished.sessionId === undefined ? {} : { sessionId: finished.sessionId }),
    },
    303,
  )
})

/** The consent page of an interaction whose user has signed in. */
export function showConsent(context: EndpointContext, record: InteractionRecord): EndpointResult {
  const { provider } = context
  const client = provider.clients.get(record.request.clientId)
  const sub = record.sub ?? ''
  return consentPage({
    action: formAction(context, 'consent'),
    interactionId: record.id,
    csrf: csrfToken(provider.secret, record.id, record.browserId),
    clientName: client?.client_name ?? record.request.clientId,
    username: provider.users.bySub(sub)?.username ?? sub,
    scope: record.request.scope,
    claimsByScope: provider.config.scopes,
  })
}
