/**
 * The login page and its form target (OIDC Core §3.1.2.3: "the Authorization Server MUST
 * attempt to Authenticate the End-User").
 *
 * GET {login}?interaction=<id> shows the form; POST {login} checks the CSRF double submit, then
 * the credentials. A wrong password shows the form again with an error (the user can retry); a
 * cancel ends the request with `access_denied` (RFC 6749 §4.1.2.1: "The resource owner or
 * authorization server denied the request"). Success starts a session (cookie
 * `codeflow_session`) and continues to consent or straight back to the client (303: the browser
 * must follow a POST's redirect with GET; authorize/after-login.ts).
 *
 * With `pages.loginSteps` "two" the username comes first (action=next), kept in the interaction,
 * then the password page; an unknown username still gets the password page, so the pages never
 * tell which usernames exist. With `pages.interstitial` the login answers with the interstitial
 * page, which continues here: POST action=continue, or GET with its meta refresh's continue_token.
 * With `pages.loginApp` "json-api" the page is a JavaScript app and the credentials go to the JSON
 * API (endpoints/login-api.ts); a form post of them is refused.
 */
import { afterLogin, proceed, takeInteraction } from '../authorize/after-login.js'
import { errorRedirect } from '../authorize/authorization-response.js'
import { formAction } from '../authorize/form-targets.js'
import {
  asPage,
  interactionUrl,
  PageProblem,
  pageParams,
  pathOf,
  requireCsrf,
  requireInteraction,
} from '../authorize/front-channel.js'
import { constantTimeEqual, csrfToken, saveInteraction } from '../authorize/interaction.js'
import { showInterstitial } from '../authorize/interstitial.js'
import { targetOf } from '../authorize/pipeline.js'
import { AccessDenied } from '../errors.js'
import type { EndpointResult } from '../http/endpoint-result.js'
import type { Params } from '../http/params.js'
import { formBody } from '../http/parsed-request.js'
import type { RequestContext } from '../request-context.js'
import type { InteractionRecord } from '../store/records.js'
import { deferredLoginPage } from '../ui/deferred-login-page.js'
import { loginAppPage } from '../ui/login-app-page.js'
import { type LoginPageOptions, type LoginStep, loginPage } from '../ui/login-page.js'
import { withConfiguredAssets } from '../ui/slow-assets.js'

export const login = asPage(async (context) => {
  const { request, urls } = context
  if (request.method !== 'POST') {
    const params = pageParams(context, undefined)
    const record = await requireInteraction(context, params)
    if (record.stage === 'consent') {
      // Already signed in within this interaction (e.g. the back button): continue where it was.
      return { kind: 'redirect', status: 303, location: interactionUrl(urls.consent, record.id) }
    }
    if (record.stage === 'interstitial') {
      // The interstitial's meta refresh carries a token that only continues this interaction.
      if (params.get('continue_token') === undefined) return showInterstitial(context, record)
      requireCsrf(context, record, params, { field: 'continue_token', purpose: 'continue' })
      return proceed(context, record, record.after ?? 'consent')
    }
    return showLogin(context, record)
  }
  const params = pageParams(context, formBody(request))
  return submitLogin(context, await requireInteraction(context, params), params)
})

/** A login form post (its CSRF token is checked here). */
export async function submitLogin(
  context: RequestContext,
  record: InteractionRecord,
  params: Params,
): Promise<EndpointResult> {
  const { provider, urls } = context
  requireCsrf(context, record, params)
  if (record.stage === 'interstitial') {
    return params.get('action') === 'continue'
      ? proceed(context, record, record.after ?? 'consent')
      : showInterstitial(context, record)
  }
  if (record.stage !== 'login') {
    return { kind: 'redirect', status: 303, location: interactionUrl(urls.consent, record.id) }
  }
  const twoSteps = provider.config.pages.loginSteps === 'two'
  const action = params.get('action') ?? 'login'
  if (action === 'cancel') {
    const finished = await takeInteraction(context, record.id)
    return errorRedirect(
      targetOf(finished.request),
      context.issuer,
      new AccessDenied('the user cancelled the sign-in'),
      303,
      context.behaviours,
    )
  }
  if (provider.config.pages.loginApp === 'json-api' && (action === 'login' || action === 'next')) {
    throw new PageProblem({
      error: 'invalid_request',
      description: `This server takes the username and password through its JSON API (${pathOf(urls.login)}/api), not a form post.`,
      help: 'Sign in from the login page with JavaScript on.',
    })
  }
  if (twoSteps && action === 'next') return identify(context, record, params)
  if (action !== 'login') {
    throw new PageProblem({
      error: 'invalid_request',
      description: `"action" "${action}" is not one of ${twoSteps ? 'next, login, cancel' : 'login, cancel'}.`,
    })
  }

  const username = twoSteps ? record.username : params.get('username')
  const password = params.get('password')
  if (username === undefined || password === undefined) {
    const missing =
      username === undefined && twoSteps ? 'Enter your username first.' : 'Enter your username and password.'
    return showLogin(context, record, { username, error: missing })
  }
  const user = provider.users.byUsername(username)
  if (!user || !constantTimeEqual(password, user.password)) {
    const failed: InteractionRecord = { ...record, failures: record.failures + 1 }
    await saveInteraction(provider, failed)
    const attempts = failed.failures === 1 ? '' : ` (${failed.failures} failed attempts)`
    return showLogin(context, failed, {
      username,
      error: `The username or password is incorrect${attempts}. Try again.`,
      refused: true,
    })
  }
  return afterLogin(context, record, user)
}

/** Step one of a two-step login: remember who signs in, then ask for the password. */
async function identify(context: RequestContext, record: InteractionRecord, params: Params): Promise<EndpointResult> {
  const username = params.get('username')
  if (username === undefined || username === '') {
    return showLogin(context, record, { error: 'Enter your username.' })
  }
  const identified: InteractionRecord = { ...record, username }
  await saveInteraction(context.provider, identified)
  return showLogin(context, identified)
}

export interface ShowLoginOptions {
  /** Prefilled username: what the user typed before; default the identified user or login_hint. */
  username?: string | undefined
  error?: string
  /** The page answers a refused password (its status follows pages.wrongPassword). */
  refused?: boolean
}

/** The login page of this interaction, at the step it has reached. */
export function showLogin(
  context: RequestContext,
  record: InteractionRecord,
  { username, error, refused = false }: ShowLoginOptions = {},
): EndpointResult {
  const { provider } = context
  const { pages } = provider.config
  const client = provider.clients.get(record.request.clientId)
  const step: LoginStep = pages.loginSteps === 'one' ? 'both' : record.username === undefined ? 'username' : 'password'
  const shown = step === 'password' ? record.username : (username ?? record.request.loginHint)
  if (pages.loginApp === 'json-api') {
    const app = loginAppPage({
      // The route's path (http/app.ts): the login path + "/api".
      api: `${pathOf(context.urls.login)}/api`,
      interactionId: record.id,
      clientName: client?.client_name ?? record.request.clientId,
      twoSteps: pages.loginSteps === 'two',
      nonce: provider.ids.next('script-nonce', 16),
      ...(record.request.loginHint === undefined ? {} : { username: record.request.loginHint }),
    })
    return withConfiguredAssets(pages.scripts, context.issuer, app)
  }
  const options: LoginPageOptions = {
    action: formAction(context, 'login'),
    interactionId: record.id,
    csrf: csrfToken(provider.secret, record.id, record.browserId),
    clientName: client?.client_name ?? record.request.clientId,
    continuesTo: record.request.redirectUri,
    step,
    ...(shown === undefined ? {} : { username: shown }),
    ...(error === undefined ? {} : { error }),
    ...(refused && pages.wrongPassword === 'status' ? { status: 400 } : {}),
  }
  const page =
    pages.scripts === 'defer-form'
      ? deferredLoginPage({ ...options, nonce: provider.ids.next('script-nonce', 16) })
      : loginPage(options)
  return withConfiguredAssets(pages.scripts, context.issuer, page)
}
