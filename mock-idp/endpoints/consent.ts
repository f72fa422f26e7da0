/**
 * The consent page and its form target (OIDC Core §3.1.2.4: "Once the End-User is
 * authenticated, the Authorization Server MUST obtain an authorization decision before releasing
 * information to the Relying Party").
 *
 * GET {consent}?interaction=<id> lists the client and the requested scopes; POST {consent} with
 * decision=approve remembers the consent in the session (unless pages.rememberConsent is off) and
 * issues the code, decision=deny ends with `access_denied` (RFC 6749 §4.1.2.1: "The resource
 * owner or authorization server denied the request"). Both answer 303 so the browser follows
 * with GET.
 *
 * Where the deny control sits follows pages.deny: a button of the consent form; a form of its own
 * whose token only denies; or a link, GET {consent}?interaction=…&decision=deny&deny_token=…,
 * whose token is bound to the interaction and the browser and, like every decision, usable once.
 */
import { errorRedirect } from '../authorize/authorization-response.js'
import { formAction } from '../authorize/form-targets.js'
import {
  asPage,
  completeAuthorization,
  interactionUrl,
  PageProblem,
  pageParams,
  pathOf,
  requireCsrf,
  requireInteraction,
} from '../authorize/front-channel.js'
import { csrfToken, finishInteraction } from '../authorize/interaction.js'
import { targetOf } from '../authorize/pipeline.js'
import { rememberConsent } from '../authorize/session.js'
import { AccessDenied } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { Params } from '../http/params.js'
import { formBody } from '../http/parsed-request.js'
import type { RequestContext } from '../request-context.js'
import type { InteractionRecord } from '../store/records.js'
import { consentPage, type DenyControl } from '../ui/consent-page.js'
import { withConfiguredAssets } from '../ui/slow-assets.js'

export const consent = asPage(async (context) => {
  const { provider, request } = context
  const isPost = request.method === 'POST'
  const params = pageParams(context, isPost ? formBody(request) : undefined)
  const record = await requireInteraction(context, params)
  if (isPost) return submitConsent(context, record, params)
  if (provider.config.pages.deny === 'link' && params.get('decision') === 'deny') {
    requireCsrf(context, record, params, { field: 'deny_token', purpose: 'deny' })
    return signedIn(record) ? decide(context, record, 'deny') : backToLogin(context, record)
  }
  return signedIn(record) ? showConsent(context, record) : backToLogin(context, record)
})

/** A consent form post: the decision, checked against the token of the form that carries it. */
export async function submitConsent(
  context: RequestContext,
  record: InteractionRecord,
  params: Params,
): Promise<EndpointResult> {
  const { provider } = context
  const decision = params.get('decision')
  // The separate deny form carries a token that only denies; the consent form's token cannot deny there.
  const purpose = provider.config.pages.deny === 'form' && decision === 'deny' ? 'deny' : undefined
  requireCsrf(context, record, params, purpose ? { purpose } : {})
  if (!signedIn(record)) return backToLogin(context, record)
  if (decision !== 'approve' && decision !== 'deny') {
    throw new PageProblem({
      error: 'invalid_request',
      description: `"decision" must be "approve" or "deny"${decision === undefined ? ' and is missing' : `, got "${decision}"`}.`,
    })
  }
  return decide(context, record, decision)
}

function signedIn(record: InteractionRecord): boolean {
  return record.stage === 'consent' && record.sub !== undefined && record.authTime !== undefined
}

/** Consent comes after login: send the user there first. */
function backToLogin({ urls }: RequestContext, record: InteractionRecord): EndpointResult {
  return { kind: 'redirect', status: 303, location: interactionUrl(urls.login, record.id) }
}

async function decide(
  context: RequestContext,
  record: InteractionRecord,
  decision: 'approve' | 'deny',
): Promise<EndpointResult> {
  const { provider, issuer } = context
  // Taken atomically: a double click cannot issue two codes, and a deny link works once.
  const finished = await finishInteraction(context, record.id)
  if (!finished || finished.sub === undefined || finished.authTime === undefined) {
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
      context.behaviours,
    )
  }
  if (finished.sessionId !== undefined && provider.config.pages.rememberConsent) {
    await rememberConsent(provider, finished.sessionId, authz.clientId, authz.scope)
  }
  return completeAuthorization(
    context,
    authz,
    {
      sub: finished.sub,
      authTime: finished.authTime,
      ...(finished.sessionId === undefined ? {} : { sessionId: finished.sessionId }),
    },
    303,
  )
}

/** The consent page of an interaction whose user has signed in. */
export function showConsent(context: RequestContext, record: InteractionRecord): EndpointResult {
  const { provider } = context
  const client = provider.clients.get(record.request.clientId)
  const sub = record.sub ?? ''
  const page = consentPage({
    action: formAction(context, 'consent'),
    interactionId: record.id,
    csrf: csrfToken(provider.secret, record.id, record.browserId),
    clientName: client?.client_name ?? record.request.clientId,
    username: provider.users.bySub(sub)?.username ?? sub,
    scope: record.request.scope,
    claimsByScope: provider.config.scopes,
    deny: denyControl(context, record),
  })
  return withConfiguredAssets(provider.config.pages.scripts, context.issuer, page)
}

function denyControl(context: RequestContext, record: InteractionRecord): DenyControl {
  const { provider, urls } = context
  const { secret } = provider
  switch (provider.config.pages.deny) {
    case 'button':
      return { kind: 'button' }
    case 'form':
      return {
        kind: 'form',
        action: formAction(context, 'consent'),
        csrf: csrfToken(secret, record.id, record.browserId, 'deny'),
      }
    case 'link': {
      // Always the consent endpoint, also with pages.sameUrl: a GET there is a decision, not a new request.
      const query = new URLSearchParams({
        interaction: record.id,
        decision: 'deny',
        deny_token: csrfToken(secret, record.id, record.browserId, 'deny'),
      })
      return { kind: 'link', href: `${pathOf(urls.consent)}?${query}` }
    }
  }
}
