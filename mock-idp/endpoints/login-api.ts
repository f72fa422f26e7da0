/**
 * The JSON login API of the "json-api" login page (config pages.loginApp, ui/login-app-page.ts),
 * like the API behind many JavaScript sign-in apps:
 *
 *   POST {login}/api  Content-Type: application/json
 *   {"interaction": "…", "username": "alice", "password": "…"}  → 200 {"redirect": "<url>"}
 *   {"interaction": "…", "action": "cancel"}                    → 200 {"redirect": "<url>"}
 *   wrong credentials → 401 {"error": "invalid_credentials", "error_description": "…"}
 *   anything malformed → 4xx {"error": "invalid_request", "error_description": "…"}
 *
 * The redirect is where the browser goes next: the consent page, the interstitial, or (when
 * nothing else is needed) a one-time continue URL that issues the code. It is protected against
 * cross-site requests like the forms are, without a token in the body: the interaction must
 * belong to this browser (the SameSite=Lax `codeflow_browser` cookie, which a cross-site POST
 * does not carry), the body must be JSON (a cross-site form cannot send that without a CORS
 * preflight, which is never granted here), and an Origin header, when sent, must be the issuer's.
 */
import { z } from 'zod'
import { signIn, takeInteraction } from '../authorize/after-login.js'
import { errorRedirect } from '../authorize/authorization-response.js'
import { interactionUrl, withCookies } from '../authorize/front-channel.js'
import {
  BROWSER_COOKIE,
  constantTimeEqual,
  csrfToken,
  loadInteraction,
  saveInteraction,
} from '../authorize/interaction.js'
import { targetOf } from '../authorize/pipeline.js'
import { AccessDenied, type OAuthError } from '../errors.js'
import { type EndpointResult, noStoreJson } from '../http/endpoint-result.js'
import type { RequestContext } from '../request-context.js'
import type { InteractionRecord } from '../store/records.js'
import type { User } from '../users.js'
import type { Endpoint } from './endpoint.js'

/** The two bodies the API takes; string lengths are bounded like any parameter (limits.maxParameterLength). */
function loginBody(maxLength: number) {
  const text = z.string().max(maxLength)
  return z.union([
    z.strictObject({
      interaction: text.min(1),
      username: text.min(1),
      password: text,
      action: z.literal('login').optional(),
    }),
    z.strictObject({ interaction: text.min(1), action: z.literal('cancel') }),
  ])
}

function refused(status: number, error: string, description: string): EndpointResult {
  return noStoreJson({ error, error_description: description }, status)
}

export const loginApi: Endpoint = async (context) => {
  const { provider, request, issuer } = context
  if (request.contentType !== 'application/json') {
    return refused(415, 'invalid_request', 'the body must be JSON (Content-Type: application/json)')
  }
  const origin = request.headers.get('origin')
  if (origin !== null && origin !== new URL(issuer).origin) {
    return refused(403, 'invalid_request', `requests from origin ${origin} are not accepted`)
  }
  let json: unknown
  try {
    json = JSON.parse(request.bodyText ?? '')
  } catch {
    return refused(400, 'invalid_request', 'the body is not valid JSON')
  }
  const parsed = loginBody(provider.config.limits.maxParameterLength).safeParse(json)
  if (!parsed.success) {
    return refused(
      400,
      'invalid_request',
      `the body must be {"interaction", "username", "password"} or {"interaction", "action": "cancel"}: strings of at most ${provider.config.limits.maxParameterLength} characters, nothing else`,
    )
  }
  const body = parsed.data
  const record = await loadInteraction(context, body.interaction)
  if (!record) {
    return refused(400, 'invalid_request', 'this sign-in has expired or is unknown; start again at the application')
  }
  const cookie = request.cookies[BROWSER_COOKIE]
  if (cookie === undefined || !constantTimeEqual(cookie, record.browserId)) {
    return refused(
      403,
      'invalid_request',
      `the "${BROWSER_COOKIE}" cookie of the browser that started this sign-in is missing or different`,
    )
  }
  if (record.stage !== 'login') {
    // Already signed in (a second click): continue where the interaction is.
    return noStoreJson({ redirect: interactionUrl(context.urls.login, record.id) })
  }
  if (body.action === 'cancel') {
    const finished = await takeInteraction(context, record.id)
    const cancelled = new AccessDenied('the user cancelled the sign-in')
    return asRedirect(errorRedirect(targetOf(finished.request), issuer, cancelled, 303, context.behaviours), cancelled)
  }
  const user = provider.users.byUsername(body.username)
  if (!user || !constantTimeEqual(body.password, user.password)) {
    await saveInteraction(provider, { ...record, failures: record.failures + 1 })
    return refused(401, 'invalid_credentials', 'The username or password is incorrect.')
  }
  return signedIn(context, record, user)
}

async function signedIn(context: RequestContext, record: InteractionRecord, user: User): Promise<EndpointResult> {
  const { provider, urls, issuer } = context
  const result = await signIn(context, record, user)
  if (result.next === 'error') {
    const finished = await takeInteraction(context, record.id)
    return withCookies(
      asRedirect(
        errorRedirect(targetOf(finished.request), issuer, result.error, 303, context.behaviours),
        result.error,
      ),
      result.cookies,
    )
  }
  let redirect: string
  if (result.next === 'consent' && provider.config.pages.interstitial === 'none') {
    await saveInteraction(provider, { ...result.record, stage: 'consent' })
    redirect = interactionUrl(urls.consent, record.id)
  } else {
    // The interstitial page (GET {login} shows it), or straight on to the code through the
    // interstitial's one-time continue URL (GET {login} with its token issues it).
    await saveInteraction(provider, { ...result.record, stage: 'interstitial', after: result.next })
    const query = new URLSearchParams({ interaction: record.id })
    if (provider.config.pages.interstitial === 'none') {
      query.set('continue_token', csrfToken(provider.secret, record.id, record.browserId, 'continue'))
    }
    redirect = `${urls.login}?${query}`
  }
  return withCookies(noStoreJson({ redirect }), result.cookies)
}

/**
 * An authorization response for the app to navigate to. Only a redirect can be: a form_post
 * response (a page that posts itself) is answered with the error it carries, for the app to show.
 */
function asRedirect(result: EndpointResult, error: OAuthError): EndpointResult {
  if (result.kind === 'redirect') return noStoreJson({ redirect: result.location })
  return refused(400, error.error, error.description)
}
