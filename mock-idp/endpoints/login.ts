/**
 * The login page and its form target (OIDC Core §3.1.2.3: "the Authorization Server MUST
 * attempt to Authenticate the End-User").
 *
 * GET {login}?interaction=<id> shows the form; POST {login} checks the CSRF double submit, then
 * the credentials. A wrong password shows the form again with an error (the user can retry); a
 * cancel ends the request with `access_denied` (RFC 6749 §4.1.2.1: "The resource owner or
 * authorization server denied the request"). Success starts a session (cookie
 * `codeflow_session`) and continues to consent or straight back to the client (303: the browser
 * must follow a POST's redirect with GET).
 */
import { errorRedirect } from '../authorize/authorization-response.js'
import {
  asPage,
  completeAuthorization,
  interactionUrl,
  nowSeconds,
  PageProblem,
  pageParams,
  pathOf,
  requireCsrf,
  requireInteraction,
  withCookies,
} from '../authorize/front-channel.js'
import { constantTimeEqual, csrfToken, finishInteraction, saveInteraction } from '../authorize/interaction.js'
import { nextStep } from '../authorize/next-step.js'
import { targetOf } from '../authorize/pipeline.js'
import { currentSession, sessionCookie, startSession } from '../authorize/session.js'
import { AccessDenied } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import { formBody } from '../http/parsed-request.js'
import type { Provider } from '../provider.js'
import type { InteractionRecord } from '../store/records.js'
import { loginPage } from '../ui/login-page.js'
import type { EndpointContext } from './endpoint.js'

export const login = asPage(async (context) => {
  const { provider, request, urls } = context
  if (request.method !== 'POST') {
    const record = await requireInteraction(provider, pageParams(context, undefined))
    if (record.stage === 'consent') {
      // Already signed in within this interaction (e.g. the back button): continue where it was.
      return { kind: 'redirect', status: 303, location: interactionUrl(urls.consent, record.id) }
    }
    return renderLogin(context, record, record.request.loginHint)
  }

  const params = pageParams(context, formBody(request))
  const record = await requireInteraction(provider, params)
  requireCsrf(provider, context, record, params)
  if (record.stage !== 'login') {
    return { kind: 'redirect', status: 303, location: interactionUrl(urls.consent, record.id) }
  }

  const action = params.get('action') ?? 'login'
  if (action === 'cancel') {
    const finished = await finish(provider, record.id)
    return errorRedirect(
      targetOf(finished.request),
      context.issuer,
      new AccessDenied('the user cancelled the sign-in'),
      303,
      provider.behaviours,
    )
  }
  if (action !== 'login') {
    throw new PageProblem({
      error: 'invalid_request',
      description: `"action" "${action}" is not one of login, cancel.`,
    })
  }

  const username = params.get('username')
  const password = params.get('password')
  if (username === undefined || password === undefined) {
    return renderLogin(context, record, username, 'Enter your username and password.')
  }
  const user = provider.users.byUsername(username)
  if (!user || !constantTimeEqual(password, user.password)) {
    const failed: InteractionRecord = { ...record, failures: record.failures + 1 }
    await saveInteraction(provider, failed)
    const attempts = failed.failures === 1 ? '' : ` (${failed.failures} failed attempts)`
    return renderLogin(context, failed, username, `The username or password is incorrect${attempts}. Try again.`)
  }

  const previous = await currentSession(provider, request.cookies)
  const session = await startSession(provider, user.sub, previous)
  const cookies = [sessionCookie(provider, context.issuer, session)]
  const client = provider.clients.get(record.request.clientId)!
  const next = nextStep({
    request: record.request,
    client,
    session,
    now: nowSeconds(provider),
    authenticatedNow: true,
    behaviours: provider.behaviours,
  })
  if (next.kind === 'consent') {
    await saveInteraction(provider, {
      ...record,
      stage: 'consent',
      sub: session.sub,
      authTime: session.authTime,
      sessionId: session.id,
    })
    return { kind: 'redirect', status: 303, location: interactionUrl(urls.consent, record.id), cookies }
  }
  const finished = await finish(provider, record.id)
  if (next.kind === 'error') {
    return withCookies(
      errorRedirect(targetOf(finished.request), context.issuer, next.error, 303, provider.behaviours),
      cookies,
    )
  }
  const result = await completeAuthorization(
    provider,
    context.issuer,
    finished.request,
    { sub: session.sub, authTime: session.authTime, sessionId: session.id },
    303,
  )
  return withCookies(result, cookies)
})

/** Takes the interaction; a concurrent submission that already took it gets the expired page. */
async function finish(provider: Provider, id: string): Promise<InteractionRecord> {
  const record = await finishInteraction(provider, id)
  if (!record) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `This sign-in page has already been used or has expired (interaction "${id}").`,
      help: 'Go back to the application and sign in again.',
    })
  }
  return record
}

function renderLogin(
  { provider, urls }: EndpointContext,
  record: InteractionRecord,
  username: string | undefined,
  error?: string,
): EndpointResult {
  const client = provider.clients.get(record.request.clientId)
  return loginPage({
    action: pathOf(urls.login),
    interactionId: record.id,
    csrf: csrfToken(provider.secret, record.id, record.browserId),
    clientName: client?.client_name ?? record.request.clientId,
    continuesTo: record.request.redirectUri,
    ...(username === undefined ? {} : { username }),
    ...(error === undefined ? {} : { error }),
  })
}
