/**
 * What follows a successful login: a new session (cookie `codeflow_session`), then the consent
 * page, the code or an error, as `nextStep` decides (OIDC Core §3.1.2.4: "Once the End-User is
 * authenticated, the Authorization Server MUST obtain an authorization decision"). Every answer
 * to a form post is a 303, so the browser follows with GET; with `pages.sameUrl` the consent page
 * is the answer itself, and with `pages.interstitial` the interstitial page comes first.
 */
import { showConsent } from '../endpoints/consent.js'
import type { OAuthError } from '../errors.js'
import type { EndpointResult, SetCookie } from '../http/endpoint-result.js'
import type { RequestContext } from '../request-context.js'
import type { InteractionRecord } from '../store/records.js'
import type { User } from '../users.js'
import { errorRedirect } from './authorization-response.js'
import { completeAuthorization, interactionUrl, nowSeconds, PageProblem, withCookies } from './front-channel.js'
import { finishInteraction, saveInteraction } from './interaction.js'
import { showInterstitial } from './interstitial.js'
import { nextStep } from './next-step.js'
import { targetOf } from './pipeline.js'
import { currentSession, sessionCookie, startSession } from './session.js'

/** A successful login: the new session's cookie and what the interaction needs next. */
export type SignIn =
  | { cookies: SetCookie[]; next: 'error'; error: OAuthError }
  | { cookies: SetCookie[]; next: 'consent' | 'issue'; record: InteractionRecord }

/** Starts `user`'s session (no session fixation: always a new id) and asks nextStep what follows. */
export async function signIn(context: RequestContext, record: InteractionRecord, user: User): Promise<SignIn> {
  const { provider, request } = context
  const previous = await currentSession(provider, request.cookies)
  const session = await startSession(provider, user.sub, previous)
  const cookies = [sessionCookie(provider, context.issuer, session)]
  const next = nextStep({
    request: record.request,
    client: provider.clients.get(record.request.clientId)!,
    session,
    now: nowSeconds(provider),
    authenticatedNow: true,
    behaviours: context.behaviours,
  })
  if (next.kind === 'error') return { cookies, next: 'error', error: next.error }
  // nextStep asks for a login only without a session, and one was just started.
  if (next.kind === 'login') throw new Error('nextStep asked for a login right after one')
  const signedIn: InteractionRecord = { ...record, sub: session.sub, authTime: session.authTime, sessionId: session.id }
  return { cookies, next: next.kind, record: signedIn }
}

/** Signs `user` in and answers with whatever comes next in this interaction. */
export async function afterLogin(
  context: RequestContext,
  record: InteractionRecord,
  user: User,
): Promise<EndpointResult> {
  const { provider } = context
  const result = await signIn(context, record, user)
  if (result.next === 'error') {
    const finished = await takeInteraction(context, record.id)
    return withCookies(
      errorRedirect(targetOf(finished.request), context.issuer, result.error, 303, context.behaviours),
      result.cookies,
    )
  }
  if (provider.config.pages.interstitial !== 'none') {
    const between: InteractionRecord = { ...result.record, stage: 'interstitial', after: result.next }
    await saveInteraction(provider, between)
    return withCookies(showInterstitial(context, between), result.cookies)
  }
  return withCookies(await proceed(context, result.record, result.next), result.cookies)
}

/** Goes on to the consent page or issues the code, for an interaction whose user has signed in. */
export async function proceed(
  context: RequestContext,
  record: InteractionRecord,
  next: 'consent' | 'issue',
): Promise<EndpointResult> {
  const { provider, urls } = context
  if (next === 'consent') {
    const atConsent: InteractionRecord = { ...record, stage: 'consent' }
    await saveInteraction(provider, atConsent)
    if (provider.config.pages.sameUrl) return showConsent(context, atConsent)
    return { kind: 'redirect', status: 303, location: interactionUrl(urls.consent, record.id) }
  }
  const finished = await takeInteraction(context, record.id)
  return completeAuthorization(
    context,
    finished.request,
    { sub: record.sub!, authTime: record.authTime!, ...(record.sessionId ? { sessionId: record.sessionId } : {}) },
    303,
  )
}

/** Takes the interaction; a concurrent submission that already took it gets the expired page. */
export async function takeInteraction(context: RequestContext, id: string): Promise<InteractionRecord> {
  const record = await finishInteraction(context, id)
  if (!record) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `This sign-in page has already been used or has expired (interaction "${id}").`,
      help: 'Go back to the application and sign in again.',
    })
  }
  return record
}
